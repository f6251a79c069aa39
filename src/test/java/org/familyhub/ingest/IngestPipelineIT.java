package org.familyhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.familyhub.support.Api;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The pipeline end to end through {@code POST /api/feeds/{partner}}, on the real embedded PostgreSQL. */
@HubIntegrationTest
class IngestPipelineIT {

    static final String POLICE_HEADER = Feeds.POLICE_HEADER;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    Api api;
    String run;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    String row(String ref, String category, String given, String family, String dob, String phone) {
        return ref + ",2026-10-01T21:15:00+01:00," + category + ",SUSPECT," + given + "," + family + "," + dob
                + ",M,1 High St,,Coventry,CV1 1AA,100070000001,2001/0123456A,PC A Khan,Coventry North," + phone
                + ",a.khan@police.example\n";
    }

    @Test
    void goodRowsLandWhileBadRowsAreQuarantinedWithTheirLineAndReason() {
        String body = POLICE_HEADER
                + row("INC-" + run + "-1", "ASB", "Lee", "Smith", "1988-07-14", "024 7600 2222")
                + row("INC-" + run + "-2", "CRIME", "Mia", "O'Neill", "2014-08-30", "024 7600 2222")
                + row("INC-" + run + "-3", "BURGLARY", "Tom", "Smith", "2010-01-02", "024 7600 2222")
                + row("INC-" + run + "-4", "ASB", "Ava", "Smith", "2015-13-02", "024 7600 2222")
                + row("INC-" + run + "-5", "DOMESTIC_ABUSE", "Kim", "Smith", "1990-05-05", "024 7600 2222");

        Api.Response pushed = api.post("police-it", "/api/feeds/police", body);
        assertThat(pushed.status()).isEqualTo(202);
        String batchId = pushed.json().get("batchId").asText();
        assertThat(pushed.json().get("status").asText()).isEqualTo("COMPLETED");

        JsonNode batch = api.get("police-it", "/api/feeds/police/batches/" + batchId).json();
        assertThat(batch.get("received").asInt()).isEqualTo(5);
        assertThat(batch.get("accepted").asInt()).isEqualTo(3);
        assertThat(batch.get("quarantined").asInt()).isEqualTo(2);
        assertThat(batch.get("refused").asInt()).isZero();
        assertThat(batch.get("duplicate").asInt()).isZero();
        assertThat(batch.get("error").isNull()).isTrue();

        JsonNode quarantine = api.get("police-it", "/api/quarantine?partner=police&batch=" + batchId).json();
        assertThat(quarantine).hasSize(2);
        assertThat(quarantine.findValuesAsText("position")).containsExactlyInAnyOrder("4", "5");
        assertThat(quarantine.findValuesAsText("reason")).anySatisfy(r -> assertThat(r).contains("BURGLARY"));
        assertThat(quarantine.findValuesAsText("reason")).anySatisfy(r -> assertThat(r).contains("2015-13-02"));
        assertThat(quarantine.findValuesAsText("raw")).anySatisfy(r -> assertThat(r).contains("INC-" + run + "-3"));

        // Every record received has its audit event: the batch, each decision, each quarantined record.
        var types = jdbc.queryForList("select type from audit_event where batch_id = ?::uuid", String.class, batchId);
        assertThat(types).containsExactlyInAnyOrder("RECEIVED", "PERMITTED", "PERMITTED", "PERMITTED", "QUARANTINED", "QUARANTINED");

        Integer stored = jdbc.queryForObject("select count(*) from partner_record where partner = 'police' and source_record_id like ?",
                Integer.class, "INC-" + run + "-%");
        assertThat(stored).isEqualTo(3);
        assertThat(jdbc.queryForObject("select source_record_id from partner_record where source_record_id like ? and given_name = 'Mia'",
                String.class, "INC-" + run + "-%")).isEqualTo("INC-" + run + "-2|Mia|O'Neill|2014-08-30");
    }

    @Test
    void theSameBatchTwiceAddsNothingAndCountsDuplicates() {
        String body = POLICE_HEADER + row("INC-" + run + "-1", "ASB", "Lee", "Smith", "1988-07-14", "024 7600 2222")
                + row("INC-" + run + "-2", "CRIME", "Jo", "Smith", "1989-07-14", "024 7600 2222");
        assertThat(api.post("police-it", "/api/feeds/police", body).json().get("accepted").asInt()).isEqualTo(2);
        long before = jdbc.queryForObject("select count(*) from partner_record", Long.class);

        JsonNode again = api.post("police-it", "/api/feeds/police", body).json();
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicate").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from partner_record", Long.class)).isEqualTo(before);
    }

    @Test
    void aChangedRecordSupersedesTheOldVersionWhichIsKeptAsHistory() {
        String ref = "INC-" + run + "-1";
        api.post("police-it", "/api/feeds/police", POLICE_HEADER + row(ref, "ASB", "Lee", "Smith", "1988-07-14", "024 7600 2222"));
        JsonNode changed = api.post("police-it", "/api/feeds/police",
                POLICE_HEADER + row(ref, "ASB", "Lee", "Smith", "1988-07-14", "024 7600 9999")).json();
        assertThat(changed.get("accepted").asInt()).isEqualTo(1);

        var versions = jdbc.queryForList("""
                select version, is_current, superseded_at, involvement->>'phone' as phone from partner_record
                 where partner = 'police' and source_record_id = ? order by version""", ref + "|Lee|Smith|1988-07-14");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)).containsEntry("is_current", false).containsEntry("phone", "024 7600 2222");
        assertThat(versions.get(0).get("superseded_at")).isNotNull();
        assertThat(versions.get(1)).containsEntry("is_current", true).containsEntry("phone", "024 7600 9999");
    }

    @Test
    void aBodyThatCannotBeReadFailsAsAWholeWithOneReason() {
        Api.Response r = api.post("police-it", "/api/feeds/police", "{\"this\": \"is not a police CSV\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isNotBlank();
        JsonNode batch = api.get("police-it", "/api/feeds/police/batches/" + r.json().get("batchId").asText()).json();
        assertThat(batch.get("status").asText()).isEqualTo("FAILED");
        assertThat(batch.get("error").asText()).isEqualTo(r.json().get("error").asText());
    }

    @Test
    void aRecordOutsideItsSharingAgreementIsRefusedAndNotStored() {
        // isa-police is valid to 2027-03-31: an incident on 2027-04-01 has no agreement in force.
        String ref = "INC-" + run + "-late";
        String late = POLICE_HEADER + row(ref, "ASB", "Lee", "Smith", "1988-07-14", "024 7600 2222")
                .replace("2026-10-01T21:15:00+01:00", "2027-04-01T10:00:00+01:00");
        JsonNode r = api.post("police-it", "/api/feeds/police", late).json();
        assertThat(r.get("refused").asInt()).isEqualTo(1);
        assertThat(r.get("accepted").asInt()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from partner_record where source_record_id like ?", Long.class, ref + "%"))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from quarantine where raw like ?", Long.class, "%" + ref + "%"))
                .isZero();
    }

    @Test
    void partnerItOfOnePartnerIsRefusedOnAnothersBatchesAndQuarantine() {
        String batchId = api.post("police-it", "/api/feeds/police",
                POLICE_HEADER + row("INC-" + run, "ASB", "Lee", "Smith", "1988-07-14", "1")).json().get("batchId").asText();

        assertThat(api.get("school-it", "/api/feeds/police/batches/" + batchId).status()).isEqualTo(403);
        assertThat(api.get("school-it", "/api/quarantine?partner=police").status()).isEqualTo(403);
        assertThat(api.post("school-it", "/api/feeds/police", POLICE_HEADER).status()).isEqualTo(403);
        assertThat(api.get(null, "/api/feeds/police/batches/" + batchId).status()).isEqualTo(401);
        assertThat(api.get("kw1", "/api/feeds/police/batches/" + batchId).status()).isEqualTo(403);
        assertThat(api.get("police-it", "/api/feeds/police/batches/" + batchId).status()).isEqualTo(200);
        assertThat(api.get("ig1", "/api/feeds/police/batches/" + batchId).status()).isEqualTo(200);
        // Without a partner filter, partner IT still see only their own partner's rejects.
        JsonNode own = api.get("school-it", "/api/quarantine").json();
        own.forEach(q -> assertThat(q.get("partner").asText()).isEqualTo("school"));
    }

    @Test
    void unknownPartnerAndUnknownBatchAre404() {
        assertThat(api.get("police-it", "/api/feeds/police/batches/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("ig1", "/api/feeds/nobody/batches/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void connectorsListEveryPartnerForIgAndOnlyTheirOwnForPartnerIt() {
        api.post("police-it", "/api/feeds/police", POLICE_HEADER + row("INC-" + run, "ASB", "Lee", "Smith", "1988-07-14", "1"));
        JsonNode all = api.get("ig1", "/api/connectors").json();
        assertThat(all.findValuesAsText("partner"))
                .containsExactlyInAnyOrder("police", "school", "health", "probation", "housing", "dwp");
        JsonNode own = api.get("police-it", "/api/connectors").json();
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("partner").asText()).isEqualTo("police");
        assertThat(own.get(0).get("state").asText()).isIn("RUNNING", "FAILING");
        assertThat(own.get(0).get("counts").get("batches").asLong()).isPositive();
    }

    @Test
    void healthAndPrometheusShowCountersAndTimersPerPartnerAndStage() {
        api.post("police-it", "/api/feeds/police", POLICE_HEADER + row("INC-" + run, "ASB", "Lee", "Smith", "1988-07-14", "1"));
        assertThat(api.get(null, "/actuator/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(api.get(null, "/v3/api-docs").json().get("paths").has("/api/feeds/{partner}")).isTrue();
        String prometheus = api.get(null, "/actuator/prometheus").body();
        assertThat(prometheus).contains("familyhub_ingest_records_total{").contains("partner=\"police\"")
                .contains("outcome=\"accepted\"");
        for (String stage : new String[] {"parse", "validate", "gate", "stage"}) {
            assertThat(prometheus).containsPattern("familyhub_ingest_stage_seconds_count\\{[^}]*partner=\"police\"[^}]*stage=\"" + stage + "\"");
        }
    }
}
