package org.familyhub.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.familyhub.consent.ConsentGate;
import org.familyhub.ingest.BatchOpener;
import org.familyhub.ingest.IngestBatch;
import org.familyhub.ingest.IngestMetrics;
import org.familyhub.ingest.ParseStep;
import org.familyhub.ingest.RecordStager;
import org.familyhub.ingest.ValidateStep;
import org.familyhub.linkage.Merge;
import org.familyhub.linkage.store.PersonLinker;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Linking runs after staging, in its own transaction: a batch kept but not linked (a crash in between, a failed link)
 * is linked later from what was kept, and batches linked together link each record's newest version.
 */
@HubIntegrationTest
class LinkAfterStagingIT {

    @Autowired
    BatchOpener opener;
    @Autowired
    ParseStep parse;
    @Autowired
    ValidateStep validate;
    @Autowired
    ConsentGate gate;
    @Autowired
    RecordStager stager;
    @Autowired
    LinkAndGroupStep link;
    @Autowired
    UnlinkedBatches unlinked;
    @Autowired
    PersonLinker linker;
    @Autowired
    FamilyBuilder families;
    @Autowired
    StoredRecords stored;
    @Autowired
    org.familyhub.ingest.BatchRepository batches;
    @Autowired
    IngestMetrics metrics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aBatchKeptButNeverLinkedIsLinkedFromWhatWasKept() throws Exception {
        String run = run();
        // the replica "dies" once the batch is kept, before its link step runs
        IngestBatch kept = stager.stage(batch(run, 20, "1 High St", "CV1 1AA"));
        assertThat(count("select count(*) from partner_record where source_record_id like ?", run + "%")).isEqualTo(20);
        assertThat(linkPending(kept.batchId())).isTrue();
        assertThat(batches.find("police", kept.batchId()).orElseThrow().linkPending()).as("partner IT sees it").isTrue();
        assertThat(count("select count(*) from person_link where source_record_id like ?", run + "%")).isZero();

        Thread.sleep(2100); // the sweep leaves a batch kept in the last two seconds to its own step
        unlinked.link();

        assertThat(linkPending(kept.batchId())).isFalse();
        assertThat(batches.find("police", kept.batchId()).orElseThrow().linkPending()).isFalse();
        assertThat(count("select count(*) from person_link where source_record_id like ? and record_id is not null", run + "%"))
                .isEqualTo(20);
        assertThat(count("""
                select count(*) from family_member m join person_link l using (person_id)
                 where l.source_record_id like ?""", run + "%")).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aFailedLinkKeepsTheRecordsAndTheBatchIsLinkedLater() throws Exception {
        String run = run();
        FamilyBuilder failing = new FamilyBuilder(jdbc, stored, null, null, metrics) {
            @Override
            public Set<String> rebuild(Set<String> touched, List<Merge> merges) {
                throw new IllegalStateException("simulated failure while grouping");
            }
        };
        LinkAndGroupStep failingStep = new LinkAndGroupStep(linker, failing, metrics, jdbc, tx, true, 100_000);
        IngestBatch batch = failingStep.link(stager.stage(batch(run, 10, "1 High St", "CV1 1AA")));

        // the batch is not failed: its records are kept, their links rolled back with the failed grouping
        assertThat(jdbc.queryForObject("select status from batch where batch_id = ?", String.class, batch.batchId()))
                .isEqualTo("COMPLETED");
        assertThat(count("select count(*) from partner_record where source_record_id like ?", run + "%")).isEqualTo(10);
        assertThat(count("select count(*) from person_link where source_record_id like ?", run + "%")).isZero();
        assertThat(linkPending(batch.batchId())).isTrue();

        Thread.sleep(2100);
        unlinked.link();
        assertThat(linkPending(batch.batchId())).isFalse();
        assertThat(count("select count(*) from person_link where source_record_id like ?", run + "%")).isEqualTo(10);
    }

    @Test
    void batchesLinkedTogetherLinkEachRecordsNewestVersion() throws Exception {
        String run = run();
        IngestBatch first = stager.stage(batch(run, 3, "1 High St", "CV1 1AA"));
        IngestBatch second = stager.stage(batch(run, 3, "7 Mill Lane", "CV2 2BB"));
        link.linkNow(List.of(pendingOf(first), pendingOf(second)));

        assertThat(linkPending(first.batchId())).isFalse();
        assertThat(linkPending(second.batchId())).isFalse();
        assertThat(jdbc.queryForList("select distinct subject_line1 from person_link where source_record_id like ?",
                String.class, run + "%")).containsExactly("7 Mill Lane");
        assertThat(count("""
                select count(*) from person_link l join partner_record r using (record_id)
                 where l.source_record_id like ? and r.is_current and r.batch_id = ?""", run + "%", second.batchId()))
                .isEqualTo(3);
    }

    @Test
    void batchesQueuedOutOfTheOrderTheyWereKeptStillLinkTheNewestVersion() throws Exception {
        // two threads keep a partner's batches one after the other, the second queues its batch first
        String run = run();
        IngestBatch first = stager.stage(batch(run, 3, "1 High St", "CV1 1AA"));
        IngestBatch second = stager.stage(batch(run, 3, "7 Mill Lane", "CV2 2BB"));
        link.linkNow(List.of(pendingOf(second), pendingOf(first)));

        assertThat(jdbc.queryForList("select subject_line1 from person_link where source_record_id like ?",
                String.class, run + "%")).hasSize(3).containsOnly("7 Mill Lane");
    }

    @Test
    void aVersionSupersededBeforeItIsLinkedDoesNotOverwriteTheNewer() throws Exception {
        String run = run();
        IngestBatch older = stager.stage(batch(run, 3, "1 High St", "CV1 1AA"));
        // a newer version is kept and linked first (another replica's, whose batch came after)
        link.link(stager.stage(batch(run, 3, "7 Mill Lane", "CV2 2BB")));
        link.link(older);

        assertThat(linkPending(older.batchId())).isFalse();
        assertThat(jdbc.queryForList("select distinct subject_line1 from person_link where source_record_id like ?",
                String.class, run + "%")).containsExactly("7 Mill Lane");
    }

    private static LinkAndGroupStep.Pending pendingOf(IngestBatch b) {
        return LinkAndGroupStep.pending(b.batchId(), b.partner(), b.kept(), b.keptVersionIds());
    }

    private IngestBatch batch(String run, int n, String line1, String postcode) throws Exception {
        StringBuilder body = new StringBuilder(Feeds.POLICE_HEADER);
        for (int i = 1; i <= n; i++) {
            body.append(run).append('-').append(i).append(",2026-10-01T21:15:00+01:00,ASB,SUSPECT,Lee").append((char) ('a' + i))
                    .append(",Smith").append(run.substring(4)).append(",1988-07-").append(10 + i).append(",M,").append(line1)
                    .append(",,Coventry,").append(postcode).append(",,,PC A Khan,North,1,a@p.example\n");
        }
        return gate.gate(validate.validate(parse.parse(opener.open(body.toString().getBytes(StandardCharsets.UTF_8),
                "police", "police-csv", "PUSH", run, null))));
    }

    /** INC- and eight letters: a fresh incident prefix and surname for each test. */
    private static String run() {
        StringBuilder s = new StringBuilder("INC-");
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    private boolean linkPending(UUID batchId) {
        return jdbc.queryForObject("select link_pending from batch where batch_id = ?", Boolean.class, batchId);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
