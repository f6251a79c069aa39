package org.familyhub.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Batches and their counts, as {@code GET /api/feeds/{partner}/batches/{id}} shows them. */
@Repository
public class BatchRepository {

    private final JdbcTemplate jdbc;

    public BatchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void open(IngestBatch b) {
        jdbc.update("""
                insert into batch (batch_id, partner, format, source, source_name, content_sha256, status, started_at)
                values (?, ?, ?, ?, ?, ?, 'PROCESSING', ?)""",
                b.batchId(), b.partner(), b.format(), b.source().name(), b.sourceName(), b.contentSha256(),
                Timestamp.from(b.receivedAt()));
    }

    /** Called inside the staging transaction, so counts and records commit together. */
    public void complete(IngestBatch b) {
        jdbc.update("""
                update batch set status = 'COMPLETED', received = ?, accepted = ?, redacted = ?, refused = ?,
                       quarantined = ?, duplicate = ?, error = null, completed_at = now()
                 where batch_id = ?""",
                b.received(), b.accepted(), b.redacted(), b.refused(), b.quarantined().size(), b.duplicate(), b.batchId());
    }

    public void fail(UUID batchId, String error) {
        jdbc.update("update batch set status = 'FAILED', error = ?, completed_at = now() where batch_id = ?",
                error, batchId);
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
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("completed_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
