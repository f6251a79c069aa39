package org.familyhub.connector;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Pull cursors and last errors, in PostgreSQL so they survive restarts and are shared by replicas. */
@Repository
public class ConnectorStateRepository {

    private final JdbcTemplate jdbc;

    public ConnectorStateRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> cursor(String connectorId) {
        return jdbc.queryForList("select cursor_value from connector_state where connector_id = ?", String.class, connectorId)
                .stream().filter(c -> c != null).findFirst();
    }

    public void started(String connectorId, String partner) {
        jdbc.update("""
                insert into connector_state (connector_id, partner, last_run_at) values (?, ?, now())
                on conflict (connector_id) do update set last_run_at = now()""", connectorId, partner);
    }

    public void advance(String connectorId, String cursor) {
        jdbc.update("update connector_state set cursor_value = ? where connector_id = ?", cursor, connectorId);
    }

    public void succeeded(String connectorId) {
        jdbc.update("update connector_state set last_success_at = now() where connector_id = ?", connectorId);
    }

    public void failed(String connectorId, String error) {
        jdbc.update("update connector_state set last_error = ?, last_error_at = now() where connector_id = ?",
                error, connectorId);
    }
}
