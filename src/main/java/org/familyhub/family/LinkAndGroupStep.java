package org.familyhub.family;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import jakarta.annotation.PreDestroy;
import org.familyhub.ingest.IngestBatch;
import org.familyhub.ingest.IngestMetrics;
import org.familyhub.linkage.store.PersonLinker;
import org.familyhub.record.PartnerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline's last step, after staging: links the records a batch kept to persons, then regroups and reassesses
 * their families, in a transaction of its own. Linking is one writer at a time (across replicas too), so batches
 * kept while another is being linked queue up here and are then linked together, in one transaction, in the order
 * they were kept: a household that several partners' batches touch is regrouped once, not once a batch.
 *
 * <p>A kept batch is marked {@code link_pending} until its links commit. If linking fails, the batch's records stay
 * kept (the batch is not failed) and {@link UnlinkedBatches} links it again later, as it does the batches of a replica
 * that died between the two transactions. By default the step waits for its batch to be linked, so a push is
 * answered once its records are in the families; {@code familyhub.linkage.wait-for-link=false} answers once the
 * records are kept and links them behind.
 */
@Component
public class LinkAndGroupStep {

    private static final Logger log = LoggerFactory.getLogger(LinkAndGroupStep.class);

    /** A kept batch waiting to be linked. */
    record Pending(UUID batchId, String partner, List<PartnerRecord> records, Map<String, Long> versionIds,
                   CompletableFuture<Void> linked) {
    }

    private final PersonLinker linker;
    private final FamilyBuilder families;
    private final IngestMetrics metrics;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final boolean waitForLink;
    private final int groupRecords;

    private final Deque<Pending> queue = new ArrayDeque<>(); // guarded by itself
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    /** Held by the one thread of this replica that links; the advisory lock then orders replicas. */
    private final ReentrantLock linking = new ReentrantLock();
    private final ExecutorService behind;

    public LinkAndGroupStep(PersonLinker linker, FamilyBuilder families, IngestMetrics metrics, JdbcTemplate jdbc,
                            TransactionTemplate tx, @Value("${familyhub.linkage.wait-for-link:true}") boolean waitForLink,
                            @Value("${familyhub.linkage.group-records:100000}") int groupRecords) {
        this.linker = linker;
        this.families = families;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.tx = tx;
        this.waitForLink = waitForLink;
        this.groupRecords = groupRecords;
        this.behind = waitForLink ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "familyhub-linker");
            t.setDaemon(true);
            return t;
        });
    }

    /** The Camel step ({@code routes/flows/ingest.camel.yaml}). Never fails the batch: its records are kept. */
    public IngestBatch link(IngestBatch batch) {
        if (batch.kept().isEmpty()) {
            return batch;
        }
        Pending p = enqueue(batch.batchId(), batch.partner(), batch.kept(), batch.keptVersionIds());
        batch.kept(List.of(), Map.of());
        if (waitForLink) {
            linkUntil(p);
        } else {
            behind.execute(() -> linkUntil(p));
        }
        return batch;
    }

    /** Whether a batch is waiting in this replica's queue (or being linked by it). */
    public boolean isQueued(UUID batchId) {
        return queued.contains(batchId);
    }

    /** Links kept batches read back from the database ({@link UnlinkedBatches}); returns once they are linked or failed. */
    void linkNow(List<Pending> batches) {
        List<Pending> added = new ArrayList<>();
        for (Pending b : batches) {
            if (queued.add(b.batchId())) {
                added.add(enqueue(b));
            }
        }
        if (!added.isEmpty()) {
            linkUntil(added.get(added.size() - 1));
        }
    }

    static Pending pending(UUID batchId, String partner, List<PartnerRecord> records, Map<String, Long> versionIds) {
        return new Pending(batchId, partner, records, versionIds, new CompletableFuture<>());
    }

    private Pending enqueue(UUID batchId, String partner, List<PartnerRecord> records, Map<String, Long> versionIds) {
        queued.add(batchId);
        return enqueue(pending(batchId, partner, records, versionIds));
    }

    private Pending enqueue(Pending p) {
        synchronized (queue) {
            queue.addLast(p);
        }
        return p;
    }

    /** Links queued groups, this thread doing the work while {@code p} is not yet linked (or failed). */
    private void linkUntil(Pending p) {
        linking.lock();
        try {
            while (!p.linked().isDone()) {
                linkNextGroup();
            }
        } finally {
            linking.unlock();
        }
    }

    private void linkNextGroup() {
        List<Pending> group = new ArrayList<>();
        synchronized (queue) {
            int records = 0;
            while (!queue.isEmpty() && (group.isEmpty() || records + queue.peekFirst().records().size() <= groupRecords)) {
                Pending next = queue.pollFirst();
                group.add(next);
                records += next.records().size();
            }
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            linkTogether(group);
            group.forEach(g -> g.linked().complete(null));
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                failed(group.get(0), e);
            } else {
                // one batch's failure must not hold back the others: each alone, in order
                log.warn("Linking {} kept batches together failed ({}); linking each alone", group.size(), e.toString());
                for (Pending g : group) {
                    try {
                        linkTogether(List.of(g));
                        g.linked().complete(null);
                    } catch (RuntimeException alone) {
                        failed(g, alone);
                    }
                }
            }
        } finally {
            group.forEach(g -> queued.remove(g.batchId()));
        }
    }

    private void failed(Pending p, RuntimeException e) {
        log.error("Batch {} from {}: its records are kept, but linking them failed; it stays link_pending and is linked"
                + " again later", p.batchId(), p.partner(), e);
        p.linked().completeExceptionally(e);
    }

    private void linkTogether(List<Pending> group) {
        String partner = group.size() == 1 ? group.get(0).partner() : "several";
        tx.executeWithoutResult(status -> {
            var timer = metrics.start();
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, PersonLinker.LOCK);
            metrics.stageDone(timer, partner, "wait");
            // under the lock: a batch another replica has linked since (it took over ours) is not linked twice
            Set<UUID> pending = new HashSet<>();
            jdbc.query("select batch_id from batch where link_pending and batch_id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid",
                            group.stream().map(Pending::batchId).toArray())),
                    rs -> {
                        pending.add(rs.getObject(1, UUID.class));
                    });
            // each record with the id of its batch's current version of it
            List<PartnerRecord> candidates = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (Pending g : group) {
                if (pending.contains(g.batchId())) {
                    for (PartnerRecord r : g.records()) {
                        candidates.add(r);
                        ids.add(g.versionIds().get(r.key()));
                    }
                }
            }
            // A version superseded since it was kept (a later batch's, kept before this one was queued, or another
            // replica's, linked first) is not linked over the newer one.
            Set<Long> superseded = new HashSet<>();
            jdbc.query("select record_id from partner_record where record_id = any(?) and not is_current",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint",
                            ids.stream().filter(java.util.Objects::nonNull).distinct().toArray())),
                    rs -> {
                        superseded.add(rs.getLong(1));
                    });
            List<PartnerRecord> records = new ArrayList<>(candidates.size());
            Map<String, Long> versionIds = new HashMap<>();
            for (int i = 0; i < candidates.size(); i++) {
                Long id = ids.get(i);
                if (id == null || !superseded.contains(id)) {
                    records.add(candidates.get(i));
                    if (id != null) {
                        versionIds.put(candidates.get(i).key(), id);
                    }
                }
            }
            if (!records.isEmpty()) {
                timer = metrics.start();
                PersonLinker.Linked linked = linker.link(records, versionIds);
                metrics.stageDone(timer, partner, "link");
                timer = metrics.start();
                families.rebuild(linked.persons(), linked.merges(),
                        records.stream().map(PartnerRecord::key).collect(Collectors.toSet()));
                metrics.stageDone(timer, partner, "family");
            }
            jdbc.update("update batch set link_pending = false where batch_id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", pending.toArray())));
            metrics.linkedTogether(pending.size());
        });
    }

    @PreDestroy
    void stop() {
        if (behind != null) {
            // what is still queued stays link_pending in the database: linked after the next start
            behind.shutdownNow();
        }
    }
}
