package org.familyhub.family;

import java.util.List;
import java.util.Map;
import org.familyhub.ingest.IngestBatch;
import org.familyhub.ingest.IngestMetrics;
import org.familyhub.ingest.StagedRecordsListener;
import org.familyhub.linkage.store.PersonLinker;
import org.familyhub.record.PartnerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** After staging, in the same transaction: link the kept records to persons, then regroup and reassess families. */
@Component
public class LinkAndGroupStep implements StagedRecordsListener {

    private final PersonLinker linker;
    private final FamilyBuilder families;
    private final IngestMetrics metrics;
    private final JdbcTemplate jdbc;

    public LinkAndGroupStep(PersonLinker linker, FamilyBuilder families, IngestMetrics metrics, JdbcTemplate jdbc) {
        this.linker = linker;
        this.families = families;
        this.metrics = metrics;
        this.jdbc = jdbc;
    }

    @Override
    public void staged(IngestBatch batch, List<PartnerRecord> kept, Map<String, Long> recordIds) {
        // The linker takes this lock itself; taken here first (it is re-entrant) so that waiting for another batch's
        // linking and grouping is timed apart from this batch's own.
        var timer = metrics.start();
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, PersonLinker.LOCK);
        metrics.stageDone(timer, batch.partner(), "wait");
        timer = metrics.start();
        PersonLinker.Linked linked = linker.link(kept, recordIds);
        metrics.stageDone(timer, batch.partner(), "link");
        timer = metrics.start();
        families.rebuild(linked.persons(), linked.merges());
        metrics.stageDone(timer, batch.partner(), "family");
    }
}
