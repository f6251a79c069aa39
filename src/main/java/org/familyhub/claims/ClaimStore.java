package org.familyhub.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code claim} table: one row per family, framework and outcome, never two. */
@Component
public class ClaimStore {

    private static final TypeReference<List<Map<String, Object>>> EVIDENCE = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            claim_id, family_id, framework, outcome, period, evaluated_on, attached_on, evidence::text as evidence,
            created_at, status, sent_at""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ClaimStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Adds the claim unless this family already has one for the framework and outcome; true when added. */
    public boolean insert(Claim c) {
        String evidence;
        try {
            evidence = json.writeValueAsString(c.evidence());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claim evidence cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return jdbc.update("""
                insert into claim (claim_id, family_id, framework, outcome, period, evaluated_on, attached_on, evidence)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict do nothing""",
                c.claimId(), c.familyId(), c.framework(), c.outcome(), c.period(), c.evaluatedOn(), c.attachedOn(), evidence) == 1;
    }

    /** The outcomes a family has been claimed for under a framework. */
    public Set<String> outcomes(String familyId, String framework) {
        return new TreeSet<>(jdbc.queryForList("select outcome from claim where family_id = ? and framework = ?",
                String.class, familyId, framework));
    }

    /** Claims of one window (every window when null), by family and outcome. */
    public List<Claim> inPeriod(String period) {
        if (period == null) {
            return jdbc.query("select " + COLUMNS + " from claim order by period, family_id, outcome", (rs, i) -> claim(rs));
        }
        return jdbc.query("select " + COLUMNS + " from claim where period = ? order by family_id, outcome",
                (rs, i) -> claim(rs), period);
    }

    /** One claim by its id. */
    public Optional<Claim> find(UUID claimId) {
        return jdbc.query("select " + COLUMNS + " from claim where claim_id = ?", (rs, i) -> claim(rs), claimId).stream().findFirst();
    }

    /** The windows that have claims, newest first, with how many each has (no personal data: labels and counts). */
    public List<Map<String, Object>> periods() {
        return jdbc.queryForList("select period, count(*) as claims from claim group by period order by period desc");
    }

    public List<Claim> pending() {
        return jdbc.query("select " + COLUMNS + " from claim where status = 'PENDING' order by created_at, claim_id",
                (rs, i) -> claim(rs));
    }

    public void mark(Collection<UUID> claimIds, String status) {
        if (!claimIds.isEmpty()) {
            jdbc.update("update claim set status = ?, sent_at = case when ? in ('SENT', 'WRITTEN') then now() else sent_at end"
                            + " where claim_id = any(?)",
                    ps -> {
                        ps.setString(1, status);
                        ps.setString(2, status);
                        ps.setArray(3, ps.getConnection().createArrayOf("uuid", claimIds.toArray()));
                    });
        }
    }

    private Claim claim(ResultSet rs) throws SQLException {
        List<Map<String, Object>> evidence;
        try {
            evidence = json.readValue(rs.getString("evidence"), EVIDENCE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claim evidence unreadable: " + e.getOriginalMessage(), e);
        }
        return new Claim(rs.getObject("claim_id", UUID.class), rs.getString("family_id"), rs.getString("framework"),
                rs.getString("outcome"), rs.getString("period"), rs.getObject("evaluated_on", LocalDate.class),
                rs.getObject("attached_on", LocalDate.class), evidence, rs.getObject("created_at", OffsetDateTime.class),
                rs.getString("status"), rs.getObject("sent_at", OffsetDateTime.class));
    }
}
