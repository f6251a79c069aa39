package org.familyhub.family;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.familyhub.cluster.ReplicaIdentity;
import org.familyhub.cluster.ReplicaLiveness;
import org.familyhub.record.PartnerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links the kept batches that are still {@code link_pending} and that no live replica has queued: those of a replica
 * that died between keeping a batch and linking it, and this replica's own whose linking failed. Their records are
 * read back from the database (the current versions they kept) and linked as {@link LinkAndGroupStep} links a new
 * batch, in the order the batches were kept. A batch another live replica has queued is left to it.
 *
 * <p>A batch whose linking fails again is tried later and later ({@link LinkRetries}), not at every check. Partner IT
 * sees it as {@code linkPending} meanwhile.
 */
@Component
public class UnlinkedBatches {

    private static final Logger log = LoggerFactory.getLogger(UnlinkedBatches.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final StoredRecords stored;
    private final LinkAndGroupStep step;
    private final String self;
    private final LinkRetries retries = new LinkRetries();

    public UnlinkedBatches(JdbcTemplate jdbc, TransactionTemplate tx, StoredRecords stored, LinkAndGroupStep step,
                           ReplicaIdentity self) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.stored = stored;
        this.step = step;
        this.self = self.id();
    }

    /** Returns how many batches it linked (or tried to). */
    @Scheduled(initialDelayString = "${familyhub.linkage.unlinked-check:10s}",
            fixedDelayString = "${familyhub.linkage.unlinked-check:10s}")
    public int link() {
        try {
            Map<UUID, String> partnerOf = new LinkedHashMap<>();
            Map<UUID, String> replicaOf = new HashMap<>();
            // (kept two seconds ago at least: a batch just kept is about to be queued by its own step)
            jdbc.query("""
                    select batch_id, partner, replica_id from batch
                     where link_pending and completed_at < now() - interval '2 seconds'
                     order by completed_at, batch_id""",
                    rs -> {
                        UUID id = rs.getObject(1, UUID.class);
                        if (!step.isQueued(id)) {
                            partnerOf.put(id, rs.getString(2));
                            replicaOf.put(id, rs.getString(3));
                        }
                    });
            Instant now = Instant.now();
            retries.onlyPending(partnerOf.keySet());
            partnerOf.keySet().removeIf(id -> !retries.due(id, now));
            if (partnerOf.isEmpty()) {
                return 0;
            }
            Map<String, Boolean> gone = new HashMap<>();
            partnerOf.keySet().removeIf(id -> {
                String replica = replicaOf.get(id);
                if (replica == null || replica.equals(self)) {
                    return false; // ours (or opened outside any replica): nobody else will link it
                }
                return !gone.computeIfAbsent(replica, r -> Boolean.TRUE.equals(tx.execute(s -> ReplicaLiveness.isGone(jdbc, r))));
            });
            if (partnerOf.isEmpty()) {
                return 0;
            }
            Map<UUID, List<PartnerRecord>> records = new LinkedHashMap<>();
            Map<UUID, Map<String, Long>> versionIds = new HashMap<>();
            partnerOf.keySet().forEach(id -> {
                records.put(id, new ArrayList<>());
                versionIds.put(id, new HashMap<>());
            });
            for (StoredRecords.Kept k : stored.keptBy(partnerOf.keySet())) {
                records.get(k.batchId()).add(k.record());
                versionIds.get(k.batchId()).put(k.record().key(), k.recordId());
            }
            List<LinkAndGroupStep.Pending> batches = new ArrayList<>();
            records.forEach((id, list) -> batches.add(LinkAndGroupStep.pending(id, partnerOf.get(id), list, versionIds.get(id))));
            log.warn("Linking {} kept batch(es) left unlinked (a failed link, or a replica gone before linking): {}",
                    batches.size(), partnerOf.keySet());
            step.linkNow(batches);
            backOff(partnerOf.keySet(), now);
            return batches.size();
        } catch (RuntimeException e) {
            log.warn("Could not link the batches left unlinked: {}", Objects.toString(e.getMessage(), e.toString()));
            return 0;
        }
    }

    /** Those of the batches tried that are still pending failed again: tried next after twice the last wait. */
    private void backOff(Set<UUID> tried, Instant now) {
        Set<UUID> still = new HashSet<>();
        jdbc.query("select batch_id from batch where link_pending and batch_id = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", tried.toArray())),
                rs -> {
                    still.add(rs.getObject(1, UUID.class));
                });
        tried.forEach(id -> {
            if (still.contains(id)) {
                Duration wait = retries.failed(id, now);
                log.error("Batch {}: linking failed {} time(s) in a row; tried again in {}", id, retries.failures(id), wait);
            } else {
                retries.linked(id);
            }
        });
    }
}
