package org.familyhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.familyhub.consent.ConsentGate;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A crash while a batch is being kept leaves nothing of it behind, and delivering it again keeps it exactly once. */
@HubIntegrationTest
class StagingAtomicityIT {

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
    BatchRepository batches;
    @Autowired
    IngestMetrics metrics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    org.familyhub.audit.AuditTrail audit;
    @Autowired
    IngestAuditEvents auditEvents;

    @Autowired
    org.familyhub.family.LinkAndGroupStep link;

    @Test
    void aFailureAfterTheRecordsAreWrittenRollsBackTheWholeBatch() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder(Feeds.POLICE_HEADER);
        for (int i = 1; i <= 50; i++) {
            body.append("INC-").append(run).append('-').append(i)
                    .append(",2026-10-01T21:15:00+01:00,ASB,SUSPECT,Lee,Smith,1988-07-14,M,1 High St,,Coventry,CV1 1AA,,,PC A Khan,North,1,a@p.example\n");
        }
        body.append("INC-").append(run).append("-bad,2026-10-01T21:15:00+01:00,NOPE,SUSPECT,Lee,Smith,1988-07-14,M,1 High St,,Coventry,CV1 1AA,,,PC,North,1,a@p.example\n");
        IngestBatch batch = gate.gate(validate.validate(parse.parse(opener.open(body.toString().getBytes(StandardCharsets.UTF_8),
                "police", "police-csv", "PUSH", "crash-test", null))));

        // The process "dies" after the COPY and the quarantine insert, before the batch is marked complete.
        BatchRepository dying = new BatchRepository(jdbc) {
            @Override
            public void complete(IngestBatch b) {
                throw new IllegalStateException("simulated crash");
            }
        };
        assertThatThrownBy(() -> new RecordStager(jdbc, tx, dying, metrics, audit, auditEvents).stage(batch)).hasMessage("simulated crash");
        assertThat(count("select count(*) from partner_record where source_record_id like ?", "INC-" + run + "%")).isZero();
        assertThat(count("select count(*) from quarantine where batch_id = ?", batch.batchId())).isZero();
        // nothing was kept, so nothing is linked either
        assertThat(count("select count(*) from person_link where source_record_id like ?", "INC-" + run + "%")).isZero();

        // Delivered again (the file stays in the inbox, a push is retried): every record kept once.
        IngestBatch again = gate.gate(validate.validate(parse.parse(opener.open(body.toString().getBytes(StandardCharsets.UTF_8),
                "police", "police-csv", "PUSH", "crash-test-retry", null))));
        link.link(stager.stage(again));
        assertThat(again.accepted()).isEqualTo(50);
        assertThat(count("select count(*) from partner_record where source_record_id like ?", "INC-" + run + "%")).isEqualTo(50);
        assertThat(count("select count(*) from quarantine where batch_id = ?", again.batchId())).isEqualTo(1);
        assertThat(batches.find("police", again.batchId()).orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(count("select count(*) from person_link where source_record_id like ?", "INC-" + run + "%")).isEqualTo(50);
    }

    private long count(String sql, Object arg) {
        return jdbc.queryForObject(sql, Long.class, arg);
    }
}
