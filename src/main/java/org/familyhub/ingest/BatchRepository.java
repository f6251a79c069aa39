package org.familyhub.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;
import org.familyhub.cluster.ReplicaIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Batches and their counts, as {@code GET /api/feeds/{partner}/batches/{id}} shows them. */
@Repository
public class BatchRepository {

    private final JdbcTemplate jdbc;
    private final String replicaId;

    /** Batches opened without a replica (tests): never settled as abandoned. */
    public BatchRepository(JdbcTemplate jdbc) {
        this(jdbc, (String) null);
    }

    @Autowired
    public BatchRepository(JdbcTemplate jdbc, ReplicaIdentity replica) {
        this(jdbc, replica.id());
    }

    private BatchRepository(JdbcTemplate jdbc, String replicaId) {
        this.jdbc = jdbc;
        this.replicaId = replicaId;
    }

    public void open(IngestBatch b) {
        jdbc.update("""
                insert into batch (batch_id, partner, format, source, source_name, content_sha256, status, started_at,
                                   replica_id)
                values (?, ?, ?, ?, ?, ?, 'PROCESSING', ?, ?)""",
                b.batchId(), b.partner(), b.format(), b.source().name(), b.sourceName(), b.contentSha256(),
                Timestamp.from(b.receivedAt()), replicaId);
    }

    /** Called inside the staging transaction, so counts and records commit together. */
    public void complete(IngestBatch b) {
        jdbc.update("""
                update batch set status = 'COMPLETED', received = ?, accepted = ?, redacted = ?, refused = ?,
                       quarantined = ?, duplicate = ?, error = null, completed_at = now(), link_pending = ?
                 where batch_id = ?""",
                b.received(), b.accepted(), b.redacted(), b.refused(), b.quarantined().size(), b.duplicate(),
                !b.kept().isEmpty(), b.batchId());
    }

    public void fail(UUID batchId, String error) {
        jdbc.update("update batch set status = 'FAILED', error = ?, completed_at = now() where batch_id = ?",
                error, batchId);
    }

    /** Replicas other than this one that have batches still PROCESSING. */
    public List<String> otherReplicasProcessing() {
        return jdbc.queryForList("""
                select distinct replica_id from batch
                 where status = 'PROCESSING' and replica_id is not null and replica_id is distinct from ?""",
                String.class, replicaId);
    }

    /** Marks what {@code replicaId} left PROCESSING as FAILED with {@code error}; returns how many. */
    /** Marks a replica's PROCESSING batches FAILED with {@code error}; returns them (batch id → partner). */
    public Map<UUID, String> failProcessingOf(String replicaId, String error) {
        Map<UUID, String> failed = new LinkedHashMap<>();
        jdbc.query("""
                update batch set status = 'FAILED', error = ?, completed_at = now()
                 where status = 'PROCESSING' and replica_id = ? returning batch_id, partner""",
                rs -> {
                    failed.put(rs.getObject(1, UUID.class), rs.getString(2));
                }, error, replicaId);
        return failed;
    }

    public Optional<BatchView> find(String partner, UUID batchId) {
        return jdbc.query("select * from batch where partner = ? and batch_id = ?", BatchRepository::view, partner, batchId)
                .stream().findFirst();
    }

    public List<BatchView> recent(String partner, int limit) {
        return jdbc.query("select * from batch where partner = ? order by started_at desc limit ?",
                BatchRepository::view, partner, limit);
    }

    /** A partner's batches the hub could not read at all (newest first): their files to fix and send again. */
    public List<BatchView> failed(String partner, int limit) {
        return jdbc.query("select * from batch where partner = ? and status = 'FAILED' order by started_at desc limit ?",
                BatchRepository::view, partner, limit);
    }

    static BatchView view(ResultSet rs, int row) throws SQLException {
        return new BatchView(rs.getObject("batch_id", UUID.class), rs.getString("partner"), rs.getString("format"),
                rs.getString("source"), rs.getString("source_name"), rs.getString("status"),
                rs.getInt("received"), rs.getInt("accepted"), rs.getInt("redacted"), rs.getInt("refused"),
                rs.getInt("quarantined"), rs.getInt("duplicate"), rs.getString("error"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("completed_at")),
                rs.getBoolean("link_pending"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
