package org.familyhub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Micrometer counters per partner and outcome: {@code familyhub_ingest_records_total{partner,outcome}}, batches by status. */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** {@code familyhub_ingest_stage_seconds{partner,stage}}: where a batch's time goes. */
    public void stageDone(Timer.Sample sample, String partner, String stage) {
        sample.stop(Timer.builder("familyhub.ingest.stage").description("Time per pipeline stage and batch")
                .tag("partner", partner).tag("stage", stage).register(registry));
    }

    /**
     * {@code familyhub_family_phase_seconds{phase}}: where regrouping families goes (parents, postcodes, regroup,
     * members, assess). Returns a sample started now, for the next phase.
     */
    public Timer.Sample phaseDone(Timer.Sample sample, String phase) {
        sample.stop(Timer.builder("familyhub.family.phase").description("Time per phase of regrouping families")
                .tag("phase", phase).register(registry));
        return Timer.start(registry);
    }

    /**
     * {@code familyhub_linkage_phase_seconds{phase}}: where linking goes (known: records linked before, read and
     * updated; compare: the index links the new ones; write: links, persons, merges and reviews stored). Returns a
     * sample started now, for the next phase.
     */
    public Timer.Sample linkPhaseDone(Timer.Sample sample, String phase) {
        sample.stop(Timer.builder("familyhub.linkage.phase").description("Time per phase of linking")
                .tag("phase", phase).register(registry));
        return Timer.start(registry);
    }

    /**
     * {@code familyhub_linkage_group_batches}: how many kept batches one linking transaction took together (more when
     * feeds arrive faster than they are linked).
     */
    public void linkedTogether(int batches) {
        io.micrometer.core.instrument.DistributionSummary.builder("familyhub.linkage.group.batches")
                .description("Kept batches linked together in one transaction").register(registry).record(batches);
    }

    public void batchCompleted(IngestBatch b) {
        count(b.partner(), "received", b.received());
        count(b.partner(), "accepted", b.accepted());
        count(b.partner(), "refused", b.refused());
        count(b.partner(), "quarantined", b.quarantined().size());
        count(b.partner(), "duplicate", b.duplicate());
        batch(b.partner(), "COMPLETED");
    }

    public void batchFailed(String partner) {
        batch(partner, "FAILED");
    }

    private void count(String partner, String outcome, int n) {
        Counter.builder("familyhub.ingest.records").description("Partner records by pipeline outcome")
                .tag("partner", partner).tag("outcome", outcome).register(registry).increment(n);
    }

    private void batch(String partner, String status) {
        Counter.builder("familyhub.ingest.batches").description("Batches by final status")
                .tag("partner", partner).tag("status", status).register(registry).increment();
    }
}
