package org.familyhub.audit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.familyhub.db.PgCsv;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends events to the hash chain. Joins the caller's transaction when there is one, so a batch's records and their
 * events commit (or roll back) together; otherwise runs in its own. Writers on every replica take one advisory lock,
 * so the chain has one order; it is a transaction lock, held until the enclosing transaction ends (releasing it
 * earlier would let the next writer read a head it cannot see yet and fork the chain): callers append last.
 */
@Component
public class AuditTrail {

    /** The advisory lock of the chain: "audit" in ASCII, outside the int range of the hashtext() keys RecordStager locks. */
    static final long CHAIN_LOCK = 0x61756469_74L;
    static final String COLUMNS = "occurred_at, type, actor, role, purpose, partner, batch_id, record_key, subject_hashes,"
            + " decision, rule, reason, flagged, details, prev_hash, hash";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public AuditTrail(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public void append(AuditEvent event) {
        append(List.of(event));
    }

    public void append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        appendPrepared(events.stream().map(AuditTrail::prepare).toList()); // all but time and hashes, unlocked
    }

    /** Appends events made ready by {@link #prepare}, e.g. before the caller took locks of its own. */
    public void appendPrepared(List<Prepared> prepared) {
        if (prepared.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            requireReadCommitted();
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
            // A statement of its own: its snapshot is taken after the lock, so it sees the previous writer's commit.
            Head head = jdbc.queryForObject(
                    "select (select hash from audit_event order by id desc limit 1), clock_timestamp()",
                    (rs, i) -> new Head(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
            copyIn(chain(prepared, head));
        });
    }

    /** One clock for every replica (the database's), read under the lock: occurred_at follows the chain order. */
    private record Head(String hash, Instant now) {
    }

    /** An event's canonical form after the timestamp (for the hash) and its CSV columns between time and hashes. */
    public record Prepared(byte[] canonicalRest, String csvMiddle) {
    }

    /** Everything of an event but its time and hashes, which only the chain lock decides: the costly part of appending. */
    public static Prepared prepare(AuditEvent e) {
        String details = CanonicalJson.of(e.details());
        StringBuilder csv = new StringBuilder(256);
        Object[] values = {e.type().name(), e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(),
                pgArray(e.subjectHashes()), e.decision(), e.rule(), e.reason(), e.flagged(), details};
        for (Object v : values) {
            PgCsv.next(csv, v); // each value after a delimiter
        }
        return new Prepared(AuditChain.rest(e, details).getBytes(StandardCharsets.UTF_8), csv.toString());
    }

    /** Under the lock: chain the prepared events behind the head. Timestamps and hex hashes need no CSV quoting. */
    private static String chain(List<Prepared> events, Head head) {
        String prev = head.hash() == null ? AuditChain.GENESIS : head.hash();
        String at = AuditChain.timestamp(head.now());
        byte[] timeField = AuditChain.timestampField(head.now()).getBytes(StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder(events.size() * 400);
        for (Prepared p : events) {
            String hash = AuditChain.hash(prev, timeField, p.canonicalRest());
            csv.append(at).append(p.csvMiddle()).append(',').append(prev).append(',').append(hash).append('\n');
            prev = hash;
        }
        return csv.toString();
    }

    /** COPY keeps the rows in file order, so the identity column numbers them in chain order. */
    private void copyIn(String csv) {
        Connection con = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            con.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy audit_event (" + COLUMNS + ") from stdin (format csv)", new StringReader(csv));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("audit append failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(con, jdbc.getDataSource());
        }
    }

    /** Under REPEATABLE READ the head query would see the snapshot from before the lock and fork the chain. */
    private static void requireReadCommitted() {
        Integer level = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        if (level != null && level > TransactionDefinition.ISOLATION_READ_COMMITTED) {
            throw new IllegalStateException("audit events must be appended in a READ COMMITTED transaction");
        }
    }

    /** A PostgreSQL array literal, each element quoted: callers' hashes are hex, but nothing here relies on it. */
    static String pgArray(List<String> values) {
        StringBuilder s = new StringBuilder(values.size() * 67 + 2).append('{');
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "\"" : ",\"")
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return s.append('}').toString();
    }
}
