package org.familyhub.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds events, newest first; every filter is optional. */
@Component
public class AuditQuery {

    private final JdbcTemplate jdbc;

    public AuditQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param personHashes events about any of these subject hashes (the GIN index answers {@code &&}); null: anyone
     * @param from inclusive; {@code to} exclusive
     */
    public List<StoredAuditEvent> find(List<String> personHashes, String partner, Instant from, Instant to,
                                       AuditEventType type, int limit) {
        StringBuilder sql = new StringBuilder("select id, occurred_at, type, actor, role, purpose, partner, batch_id,"
                + " record_key, subject_hashes, decision, rule, reason, flagged, details::text from audit_event where true");
        List<Object> args = new ArrayList<>();
        if (personHashes != null) {
            sql.append(" and subject_hashes && ?::text[]");
            args.add(AuditTrail.pgArray(personHashes));
        }
        if (partner != null) {
            sql.append(" and partner = ?");
            args.add(partner);
        }
        if (from != null) {
            sql.append(" and occurred_at >= ?");
            args.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" and occurred_at < ?");
            args.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        if (type != null) {
            sql.append(" and type = ?");
            args.add(type.name());
        }
        sql.append(" order by id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> row(rs), args.toArray());
    }

    private static StoredAuditEvent row(ResultSet rs) throws SQLException {
        String batch = rs.getString(8);
        AuditEvent e = new AuditEvent(AuditEventType.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), batch == null ? null : UUID.fromString(batch), rs.getString(9),
                strings(rs.getArray(10)), rs.getString(11), rs.getString(12), rs.getString(13), rs.getBoolean(14),
                CanonicalJson.toMap(rs.getString(15)));
        return new StoredAuditEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), e);
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
