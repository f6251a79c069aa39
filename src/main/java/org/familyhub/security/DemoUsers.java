package org.familyhub.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The demo users of DESIGN §9, for the embedded default only (the production profile turns them off). Each
 * password is the user's name: they are public by design, so they are stored as {@code {noop}} rather than
 * paying a bcrypt check on every API call.
 */
@Configuration
@ConditionalOnProperty(name = "familyhub.security.demo-users", havingValue = "true")
public class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    static final List<String> PARTNERS = List.of("police", "school", "health", "probation", "housing", "dwp");

    @Bean
    InMemoryUserDetailsManager demoUserDetails() {
        List<UserDetails> users = new ArrayList<>();
        users.add(user("ig1", Role.IG_OFFICER));
        users.add(user("ig2", Role.IG_OFFICER));
        for (String p : PARTNERS) {
            users.add(User.withUsername(p + "-it").password("{noop}" + p + "-it")
                    .authorities(Role.PARTNER_IT.authority(), Caller.PARTNER_PREFIX + p).build());
        }
        users.add(user("kw1", Role.KEY_WORKER));
        users.add(user("kw2", Role.KEY_WORKER));
        users.add(user("data1", Role.DATA_TEAM));
        users.add(user("auditor1", Role.AUDITOR));
        log.warn("""

                ************************************************************************************
                * DEMO USERS ARE ENABLED (embedded default). Password = user name, HTTP Basic.      *
                * ig1 ig2 (ig-officer) | police-it school-it health-it probation-it housing-it      *
                * dwp-it (partner-it) | kw1 kw2 (key-worker) | data1 (data-team) | auditor1         *
                * Never use this in production: SPRING_PROFILES_ACTIVE=production turns them off.  *
                ************************************************************************************""");
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(String name, Role role) {
        return User.withUsername(name).password("{noop}" + name).authorities(role.authority()).build();
    }
}
