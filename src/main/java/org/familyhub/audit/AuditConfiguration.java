package org.familyhub.audit;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The subject-hash key: {@code familyhub.audit.hash-key} (a secret of 32 characters or more) when set; otherwise a
 * random 256-bit key that the first replica to start stores in {@code audit_key}, so every replica and restart
 * hashes a person the same way. Changing the key later makes older events unfindable by person.
 */
@Configuration
public class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    SubjectHasher subjectHasher(@Value("${familyhub.audit.hash-key:}") String configured, JdbcTemplate jdbc) {
        if (!configured.isBlank()) {
            if (configured.length() < 32) {
                throw new IllegalStateException("familyhub.audit.hash-key must have at least 32 characters");
            }
            return new SubjectHasher(configured.getBytes(StandardCharsets.UTF_8));
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // Two replicas starting together: one insert wins, both read the winner.
        if (jdbc.update("insert into audit_key (hash_key) values (?) on conflict do nothing", (Object) fresh) == 1) {
            log.info("Generated the audit subject-hash key and stored it in audit_key");
        }
        return new SubjectHasher(jdbc.queryForObject("select hash_key from audit_key", byte[].class));
    }
}
