package org.familyhub.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.familyhub.audit.AuditTrail;
import org.familyhub.db.PgUnnest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox of the outbound feeds (table {@code outbound_message}). {@link #enqueue} writes through
 * the JdbcTemplate, so it joins the caller's Spring transaction: a family change and its message commit (or roll
 * back) together, and a restart between saving and sending loses nothing. The senders deliver from here.
 */
@Component
public class OutboundOutbox {

    public static final String EARLY_HELP = "early-help";
    /** The payment-by-results claim system: one message per claim, its id the claim's id. */
    public static final String CLAIMS = "claims";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final OutboundAuditEvents events;

    public OutboundOutbox(JdbcTemplate jdbc, ObjectMapper json, AuditTrail audit, OutboundAuditEvents events) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.events = events;
    }

    /** The idempotency key of a change for a system: a name-based UUID (v3), the same for every retry and replay. */
    public static UUID notificationId(String system, String changeKey) {
        return UUID.nameUUIDFromBytes((system + "|" + changeKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Queues the change for the early-help case system, in the caller's transaction (or on its own without one).
     * Returns false when this change (same {@code changeKey}) is already queued or sent: nothing is added.
     * Identifiers that may not leave the hub (NINO, ...) are dropped before the row is written.
     */
    public boolean enqueue(FamilyChange change) {
        return enqueueAll(List.of(change)) == 1;
    }

    /**
     * {@link #enqueue} for many changes, in one statement and in their order: a batch that touches thousands of
     * eligible families queues thousands of changes. Returns how many were added.
     */
    public int enqueueAll(List<FamilyChange> changes) {
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (FamilyChange change : changes) {
            FamilyChange outbound = EarlyHelpMapper.forOutbound(change);
            String payload;
            try {
                payload = json.writeValueAsString(outbound);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("family change cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            rows.add(new Object[] {EARLY_HELP, change.familyId(), notificationId(EARLY_HELP, change.changeKey()),
                    change.reason().name(), payload});
        }
        return PgUnnest.update(jdbc, """
                insert into outbound_message (system, family_id, notification_id, reason, payload)
                select system, family_id, notification_id::uuid, reason, payload::jsonb
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                       as u(system, family_id, notification_id, reason, payload, n)
                 order by n
                on conflict (notification_id) do nothing""", 5, rows);
    }

    /**
     * Queues a claim for the claim system, in the caller's transaction: {@code message} is the JSON body it will be sent
     * as, and the claim id is the message's id (every retry and replay carries it). Returns false when the claim is
     * already queued or sent: nothing is added.
     */
    public boolean enqueueClaim(UUID claimId, String familyId, Map<String, Object> message) {
        String payload;
        try {
            payload = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claim cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return jdbc.update("""
                insert into outbound_message (system, family_id, notification_id, reason, payload)
                values (?, ?, ?, 'CLAIM', ?::jsonb)
                on conflict (notification_id) do nothing""", CLAIMS, familyId, claimId, payload) == 1;
    }

    /** The last change queued for the case system about this family (sent or still waiting), if any. */
    java.util.Optional<FamilyChange> lastChange(String familyId) {
        return jdbc.queryForList("""
                select payload::text from outbound_message where system = ? and family_id = ?
                 order by id desc limit 1""", String.class, EARLY_HELP, familyId).stream().findFirst().map(this::read);
    }

    /** The payload of a row back as the change it was made from. */
    FamilyChange read(String payload) {
        try {
            return json.readValue(payload, FamilyChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** Messages that will not be sent without a person's replay, oldest first. */
    public List<Map<String, Object>> deadLetters(int limit) {
        return jdbc.query("""
                select id, system, family_id, notification_id, reason, attempts, last_error, created_at, last_attempt_at
                  from outbound_message where status = 'DEAD' order by id limit ?""", (rs, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong("id"));
            m.put("system", rs.getString("system"));
            m.put("familyId", rs.getString("family_id"));
            m.put("attempts", rs.getInt("attempts"));
            m.put("lastError", rs.getString("last_error"));
            m.put("notificationId", rs.getString("notification_id"));
            m.put("reason", rs.getString("reason"));
            m.put("createdAt", instant(rs, "created_at"));
            m.put("lastAttemptAt", instant(rs, "last_attempt_at"));
            return m;
        }, limit);
    }

    /** What a replay found. */
    public enum ReplayResult { REPLAYED, NOT_FOUND, NOT_DEAD }

    /**
     * A dead letter back to PENDING, due now, with a fresh count of attempts and the same notification id (so the
     * case system still recognises it). Audited as {@code REPLAYED} by the person who asked.
     */
    @Transactional
    public ReplayResult replay(long id, String actor, String role) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                update outbound_message set status = 'PENDING', attempts = 0, next_attempt_at = clock_timestamp()
                 where id = ? and status = 'DEAD'
                returning system, family_id, notification_id, payload::text as payload""", id);
        if (rows.isEmpty()) {
            Integer exists = jdbc.queryForObject("select count(*) from outbound_message where id = ?", Integer.class, id);
            return exists != null && exists > 0 ? ReplayResult.NOT_DEAD : ReplayResult.NOT_FOUND;
        }
        Map<String, Object> row = rows.get(0);
        String system = (String) row.get("system");
        // only an early-help payload is a family change (its members' hashes go in the audit); a claim names no one
        FamilyChange change = EARLY_HELP.equals(system) ? read((String) row.get("payload")) : null;
        audit.append(events.pushed("REPLAYED", system, (String) row.get("family_id"),
                (UUID) row.get("notification_id"), 0, change, "replay requested", actor, role));
        return ReplayResult.REPLAYED;
    }

    /** Counts per system and status, with every configured sender's system present even when it has no message. */
    public List<Map<String, Object>> status(List<? extends OutboundSender> senders) {
        Map<String, Map<String, Object>> bySystem = new TreeMap<>();
        for (OutboundSender s : senders) {
            bySystem.put(s.system(), systemStatus(s.system(), s.configured()));
        }
        jdbc.query("""
                select system,
                       count(*) filter (where status = 'PENDING') as pending,
                       count(*) filter (where status = 'SENT') as sent,
                       count(*) filter (where status = 'DEAD') as dead,
                       min(created_at) filter (where status = 'PENDING') as oldest_pending,
                       max(sent_at) as last_sent
                  from outbound_message group by system""", rs -> {
            Map<String, Object> m = bySystem.computeIfAbsent(rs.getString("system"), s -> systemStatus(s, false));
            m.put("pending", rs.getLong("pending"));
            m.put("sent", rs.getLong("sent"));
            m.put("dead", rs.getLong("dead"));
            m.put("oldestPendingAt", instant(rs, "oldest_pending"));
            m.put("lastSentAt", instant(rs, "last_sent"));
        });
        return new ArrayList<>(bySystem.values());
    }

    private static Map<String, Object> systemStatus(String system, boolean configured) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", system);
        m.put("configured", configured);
        m.put("pending", 0L);
        m.put("sent", 0L);
        m.put("dead", 0L);
        m.put("oldestPendingAt", null);
        m.put("lastSentAt", null);
        return m;
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }
}
