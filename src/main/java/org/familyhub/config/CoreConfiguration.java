package org.familyhub.config;

import java.time.Clock;
import org.familyhub.connector.format.FeedFormats;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@org.springframework.scheduling.annotation.EnableScheduling
public class CoreConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    public FeedFormats feedFormats() {
        return FeedFormats.standard();
    }
}
