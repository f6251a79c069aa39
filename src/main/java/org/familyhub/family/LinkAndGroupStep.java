package org.familyhub.family;

import java.util.List;
import java.util.Map;
import org.familyhub.ingest.IngestBatch;
import org.familyhub.ingest.IngestMetrics;
import org.familyhub.ingest.StagedRecordsListener;
import org.familyhub.linkage.store.PersonLinker;
import org.familyhub.record.PartnerRecord;
import org.springframework.stereotype.Component;

/** After staging, in the same transaction: link the kept records to persons, then regroup and reassess families. */
@Component
public class LinkAndGroupStep implements StagedRecordsListener {

    private final PersonLinker linker;
    private final FamilyBuilder families;
    private final IngestMetrics metrics;

    public LinkAndGroupStep(PersonLinker linker, FamilyBuilder families, IngestMetrics metrics) {
        this.linker = linker;
        this.families = families;
        this.metrics = metrics;
    }

    @Override
    public void staged(IngestBatch batch, List<PartnerRecord> kept, Map<String, Long> recordIds) {
        var timer = metrics.start();
        PersonLinker.Linked linked = linker.link(kept, recordIds);
        metrics.stageDone(timer, batch.partner(), "link");
        timer = metrics.start();
        families.rebuild(linked.persons(), linked.merges());
        metrics.stageDone(timer, batch.partner(), "family");
    }
}
