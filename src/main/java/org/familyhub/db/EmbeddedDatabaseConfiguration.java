package org.familyhub.db;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.nio.file.Path;

/**
 * The default database: a real embedded PostgreSQL, used only when no {@code spring.datasource.url}
 * (env {@code SPRING_DATASOURCE_URL}) is configured. Our DataSource bean makes Spring Boot's own DataSource
 * auto-configuration back off, and Flyway's auto-configuration migrates this DataSource, which cannot exist
 * before the server is up because it is built from the EmbeddedPostgres bean.
 *
 * <p>Properties: {@code familyhub.embedded-db.data-dir} (default {@code ${familyhub.home:.}/work/pgdata}),
 * {@code familyhub.embedded-db.port} (default 0 = free port), {@code familyhub.embedded-db.fsync} (default true),
 * {@code familyhub.embedded-db.ephemeral} (tests: one throwaway server per JVM, fsync off),
 * {@code familyhub.embedded-db.settings} (extra {@code name=value} server settings, e.g. to profile with
 * pg_stat_statements; semicolon-separated).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
public class EmbeddedDatabaseConfiguration {

    static final String PREFIX = "familyhub.embedded-db.";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = PREFIX + "ephemeral", havingValue = "false", matchIfMissing = true)
    EmbeddedPostgres embeddedPostgres(Environment env) {
        Path dataDir = Path.of(env.getProperty(PREFIX + "data-dir",
                env.resolvePlaceholders("${familyhub.work-dir:${familyhub.home:.}/work}/pgdata")));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .dataDir(dataDir)
                .port(env.getProperty(PREFIX + "port", Integer.class, 0))
                .fsync(env.getProperty(PREFIX + "fsync", Boolean.class, true));
        for (String setting : env.getProperty(PREFIX + "settings", "").split(";")) {
            if (!setting.isBlank()) {
                builder.setting(setting.strip());
            }
        }
        return builder.build().start();
    }

    /** Shared by every Spring test context of this JVM, so no destroy method: the JVM shutdown hook stops it. */
    @Bean(destroyMethod = "")
    @ConditionalOnProperty(name = PREFIX + "ephemeral", havingValue = "true")
    EmbeddedPostgres ephemeralEmbeddedPostgres() {
        return SharedEphemeral.get();
    }

    @Bean
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        log.info("Using embedded PostgreSQL {} at {} (data folder {})",
                EmbeddedPostgres.VERSION, postgres.jdbcUrl(), postgres.dataDir());
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.jdbcUrl());
        ds.setUsername(postgres.username());
        ds.setPassword(postgres.password());
        ds.setPoolName("familyhub-embedded");
        return ds;
    }

    /** Matches when spring.datasource.url is absent or blank (relaxed binding also finds SPRING_DATASOURCE_URL). */
    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }

    private static final class SharedEphemeral {
        private static EmbeddedPostgres instance;

        static synchronized EmbeddedPostgres get() {
            if (instance == null) {
                instance = EmbeddedPostgres.startEphemeral(); // start() registers the shutdown hook
            }
            return instance;
        }
    }
}
