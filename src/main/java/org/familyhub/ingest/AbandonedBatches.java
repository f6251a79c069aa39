package org.familyhub.ingest;

import java.util.Map;
import java.util.UUID;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.AuditTrail;
import org.familyhub.cluster.ReplicaLiveness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles the batches of a replica that died mid-batch (kill -9, OOM, node lost). Its batch rows stay PROCESSING,
 * but nothing else of them was kept: records, counts and audit events commit together at the end of a batch. Once
 * the replica's liveness lock is free, they are marked FAILED with the reason, so a partner sees why, and the work
 * itself is redone by its source: the file, still in the inbox, by the file drop's next leader; a push by the
 * partner's retry (idempotent on the partner key). Each batch so settled is audited (RECEIVED, FAILED, abandoned).
 */
@Component
public class AbandonedBatches {

    static final String REASON = "abandoned: replica %s stopped before the batch was kept; nothing of it was stored"
            + " (a dropped file is taken again from the inbox, a push must be retried)";
    private static final Logger log = LoggerFactory.getLogger(AbandonedBatches.class);

    private final BatchRepository batches;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;

    public AbandonedBatches(BatchRepository batches, JdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit) {
        this.batches = batches;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    @Scheduled(initialDelayString = "${familyhub.batches.abandoned-check:5s}",
            fixedDelayString = "${familyhub.batches.abandoned-check:5s}")
    public int settle() {
        int settled = 0;
        try {
            for (String replica : batches.otherReplicasProcessing()) {
                // The try-lock and the update in one transaction: the replica cannot come back in between.
                Integer n = tx.execute(s -> {
                    if (!ReplicaLiveness.isGone(jdbc, replica)) {
                        return 0;
                    }
                    String reason = String.format(REASON, replica);
                    Map<UUID, String> failed = batches.failProcessingOf(replica, reason);
                    failed.forEach((batchId, partner) -> audit.append(AuditEvent.builder(AuditEventType.RECEIVED)
                            .actor("system").partner(partner).batchId(batchId).decision("FAILED").reason(reason)
                            .details(Map.of("status", "FAILED", "abandoned", true, "replica", replica)).build()));
                    return failed.size();
                });
                if (n != null && n > 0) {
                    log.warn("Replica {} is gone: {} batch(es) it was processing marked FAILED (abandoned)", replica, n);
                    settled += n;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not check for abandoned batches: {}", e.getMessage());
        }
        return settled;
    }
}
