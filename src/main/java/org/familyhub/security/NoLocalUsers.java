package org.familyhub.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** Without demo users there are no local accounts at all (and no generated Spring password): sign-in is the IdP's. */
@Configuration
@ConditionalOnProperty(name = "familyhub.security.demo-users", havingValue = "false")
public class NoLocalUsers {

    @Bean
    InMemoryUserDetailsManager noLocalUserDetails() { // not "noLocalUsers": that is this class's own bean name
        return new InMemoryUserDetailsManager();
    }
}
