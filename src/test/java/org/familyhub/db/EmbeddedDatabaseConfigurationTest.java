package org.familyhub.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class));

    @Test
    void withoutDatasourceUrlStartsEmbeddedPostgresAndFlywayUsesIt() {
        runner.withPropertyValues("familyhub.embedded-db.ephemeral=true").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(EmbeddedPostgres.class).hasSingleBean(DataSource.class);
            assertThat(ctx).hasSingleBean(Flyway.class);
            JdbcTemplate jdbc = new JdbcTemplate(ctx.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("select version()", String.class)).contains("PostgreSQL 17.6");
            assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo("familyhub");
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("off");
        });
    }

    @Test
    void ephemeralServerIsSharedAcrossContexts() {
        EmbeddedPostgres[] first = new EmbeddedPostgres[1];
        runner.withPropertyValues("familyhub.embedded-db.ephemeral=true")
                .run(ctx -> first[0] = ctx.getBean(EmbeddedPostgres.class));
        // The first context is closed now; the shared server must still be there for the next one.
        runner.withPropertyValues("familyhub.embedded-db.ephemeral=true").run(ctx -> {
            assertThat(ctx.getBean(EmbeddedPostgres.class)).isSameAs(first[0]);
            assertThat(new JdbcTemplate(ctx.getBean(DataSource.class)).queryForObject("select 1", Integer.class))
                    .isEqualTo(1);
        });
    }

    @Test
    void datasourceUrlPropertySwitchesEmbeddedDatabaseOff() {
        new ApplicationContextRunner().withUserConfiguration(EmbeddedDatabaseConfiguration.class)
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/familyhub")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(EmbeddedPostgres.class)
                        .doesNotHaveBean(DataSource.class));
    }

    @Test
    void datasourceUrlEnvironmentVariableSwitchesEmbeddedDatabaseOff() {
        new ApplicationContextRunner().withUserConfiguration(EmbeddedDatabaseConfiguration.class)
                .withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("testEnv",
                                Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db.example:5432/familyhub"))))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(EmbeddedPostgres.class));
    }

    @Test
    void blankDatasourceUrlCountsAsUnset() {
        new ApplicationContextRunner().withUserConfiguration(EmbeddedDatabaseConfiguration.class)
                .withPropertyValues("spring.datasource.url=", "familyhub.embedded-db.ephemeral=true")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(EmbeddedPostgres.class));
    }
}
