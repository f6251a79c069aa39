package org.familyhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FamilyhubApplication {
    public static void main(String[] args) {
        SpringApplication.run(FamilyhubApplication.class, args);
    }
}
