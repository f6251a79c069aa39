package org.familyhub.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Quarantined records, newest first, for the partner IT teams who must fix them. */
@Repository
public class QuarantineRepository {

    private final JdbcTemplate jdbc;

    public QuarantineRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> find(String partner, UUID batchId, int limit) {
        StringBuilder sql = new StringBuilder("""
                select partner, batch_id as "batchId", position, location, stage, reason, raw,
                       quarantined_at as "quarantinedAt" from quarantine where true""");
        List<Object> args = new ArrayList<>();
        if (partner != null) {
            sql.append(" and partner = ?");
            args.add(partner);
        }
        if (batchId != null) {
            sql.append(" and batch_id = ?");
            args.add(batchId);
        }
        sql.append(" order by quarantine_id desc limit ?");
        args.add(limit);
        return jdbc.queryForList(sql.toString(), args.toArray());
    }
}
