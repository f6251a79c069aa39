package org.familyhub.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Walks the chain in id order and recomputes every hash. An edited event fails its own hash; a deleted one shows as
 * a {@code prev_hash} mismatch on its successor. Keyset pages keep memory constant and need no long transaction.
 * What the chain alone cannot show: events cut from the end, or a chain recomputed whole by someone with write
 * access; anchoring the head outside the database (e.g. a logged hash) would close that.
 */
@Component
public class AuditVerifier {

    static final int PAGE = 10_000;

    private final JdbcTemplate jdbc;

    public AuditVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Verification verify() {
        Walk walk = new Walk();
        long after = Long.MIN_VALUE;
        while (true) {
            int before = walk.rows;
            jdbc.query("select id, occurred_at, type, actor, role, purpose, partner, batch_id, record_key,"
                    + " subject_hashes, decision, rule, reason, flagged, details::text, prev_hash, hash"
                    + " from audit_event where id > ? order by id limit " + PAGE, walk::row, after);
            if (walk.rows - before < PAGE) {
                break;
            }
            after = walk.lastId;
        }
        return new Verification(walk.broken == null, walk.events, walk.broken);
    }

    private static final class Walk {
        String expectedPrev = AuditChain.GENESIS;
        long events;
        int rows;
        long lastId;
        Long broken;

        void row(ResultSet rs) throws SQLException {
            rows++;
            events++;
            lastId = rs.getLong(1);
            String prev = rs.getString(16);
            String stored = rs.getString(17);
            String canonical = AuditChain.canonical(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                    rs.getString(9), strings(rs.getArray(10)), rs.getString(11), rs.getString(12), rs.getString(13),
                    rs.getBoolean(14), CanonicalJson.canonical(rs.getString(15)));
            if (broken == null && (!expectedPrev.equals(prev) || !AuditChain.hash(prev, canonical).equals(stored))) {
                broken = lastId;
            }
            expectedPrev = stored; // the stored hash: one edit names one event, not every event after it
        }

        private static List<String> strings(Array a) throws SQLException {
            return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
        }
    }
}
