package org.familyhub.connector;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Each connector's state for partner IT: its routes (running or not), when it last ran and succeeded, its totals,
 * its last error and its lag (time since the last batch was kept). All from PostgreSQL, so any replica answers alike.
 */
@Service
public class ConnectorStatusService {

    private final ConnectorCatalog catalog;
    private final CamelContext camel;
    private final JdbcTemplate jdbc;

    public ConnectorStatusService(ConnectorCatalog catalog, CamelContext camel, JdbcTemplate jdbc) {
        this.catalog = catalog;
        this.camel = camel;
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> status(String partnerScope) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (ConnectorDefinition c : catalog.all()) {
            if (partnerScope != null && !partnerScope.equals(c.partner())) {
                continue;
            }
            result.add(status(c));
        }
        return result;
    }

    private Map<String, Object> status(ConnectorDefinition c) {
        Map<String, Object> totals = jdbc.queryForMap("""
                select count(*) as batches, coalesce(sum(received), 0) as received, coalesce(sum(accepted), 0) as accepted,
                       coalesce(sum(redacted), 0) as redacted, coalesce(sum(refused), 0) as refused,
                       coalesce(sum(quarantined), 0) as quarantined, coalesce(sum(duplicate), 0) as duplicate,
                       count(*) filter (where status = 'FAILED') as failed,
                       max(started_at) as last_run, max(completed_at) filter (where status = 'COMPLETED') as last_success
                  from batch where partner = ?""", c.partner());
        Map<String, Object> lastFailure = jdbc.queryForList("""
                select error, completed_at from batch where partner = ? and status = 'FAILED'
                 order by started_at desc limit 1""", c.partner()).stream().findFirst().orElse(Map.of());
        Map<String, Object> pull = jdbc.queryForList("""
                select last_run_at, last_success_at, last_error, last_error_at, cursor_value
                  from connector_state where partner = ? order by connector_id limit 1""", c.partner())
                .stream().findFirst().orElse(Map.of());

        Instant lastRun = latest(instant(totals.get("last_run")), instant(pull.get("last_run_at")));
        Instant lastSuccess = latest(instant(totals.get("last_success")), instant(pull.get("last_success_at")));
        String lastError = null;
        Instant lastErrorAt = null;
        if (lastFailure.get("completed_at") != null) {
            lastError = (String) lastFailure.get("error");
            lastErrorAt = instant(lastFailure.get("completed_at"));
        }
        Instant pullErrorAt = instant(pull.get("last_error_at"));
        if (pullErrorAt != null && (lastErrorAt == null || pullErrorAt.isAfter(lastErrorAt))) {
            lastError = (String) pull.get("last_error");
            lastErrorAt = pullErrorAt;
        }

        List<Map<String, Object>> routes = new ArrayList<>();
        boolean allStarted = !c.routes().isEmpty();
        for (ConnectorDefinition.RouteUse use : c.routes()) {
            Route route = use.routeId() == null ? null : camel.getRoute(use.routeId());
            ServiceStatus st = route == null ? null : camel.getRouteController().getRouteStatus(use.routeId());
            allStarted &= st == ServiceStatus.Started;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("routeId", use.routeId());
            r.put("template", use.template());
            r.put("status", st == null ? "NotLoaded" : st.name());
            routes.add(r);
        }
        boolean failing = lastErrorAt != null && (lastSuccess == null || lastErrorAt.isAfter(lastSuccess));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connectorId", c.partner());
        m.put("partner", c.partner());
        m.put("format", c.format());
        m.put("state", !allStarted ? "STOPPED" : failing ? "FAILING" : "RUNNING");
        m.put("routes", routes);
        m.put("lastRun", lastRun);
        m.put("lastSuccess", lastSuccess);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String k : List.of("batches", "received", "accepted", "redacted", "refused", "quarantined", "duplicate", "failed")) {
            counts.put(k, ((Number) totals.get(k)).longValue());
        }
        m.put("counts", counts);
        m.put("lastError", lastError);
        m.put("lastErrorAt", lastErrorAt);
        m.put("lagSeconds", lastSuccess == null ? null : Duration.between(lastSuccess, Instant.now()).toSeconds());
        if (pull.get("cursor_value") != null) {
            m.put("cursor", pull.get("cursor_value"));
        }
        return m;
    }

    private static Instant instant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return null;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
