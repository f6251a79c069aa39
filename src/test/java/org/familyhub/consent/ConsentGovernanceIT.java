package org.familyhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.familyhub.support.Api;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** IG officers' work through the API, and what it does to the records the hub keeps (checked by SQL). */
@HubIntegrationTest
class ConsentGovernanceIT {

    static final String HEALTH_BUNDLE = """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"fullUrl":"Patient/p-%1$s","resource":{"resourceType":"Patient","id":"p-%1$s",
               "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"4010232137"}],
               "name":[{"family":"Brennan","given":["Kerry"]}],"gender":"female","birthDate":"1981-04-11",
               "address":[{"line":["4 Oak Road"],"city":"Coventry","postalCode":"CV2 1EQ"}]}},
             {"fullUrl":"EpisodeOfCare/%1$s","resource":{"resourceType":"EpisodeOfCare","id":"%1$s","status":"active",
               "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"SUBSTANCE_MISUSE"}]}],
               "patient":{"reference":"Patient/p-%1$s"},"period":{"start":"2025-09-01"},
               "careManager":{"display":"J Reed"},"managingOrganization":{"display":"Coventry Recovery Service"}}}]}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RecordPurger purger;
    Api api;
    String run;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    long stored(String partner, String sourceRecordId) {
        return jdbc.queryForObject("select count(*) from partner_record where partner = ? and source_record_id = ?",
                Long.class, partner, sourceRecordId);
    }

    /** Whether the linker still seeds a record as a candidate, and the name it would compare; "gone" without a link. */
    String linkIdentity(String recordKey) {
        return jdbc.queryForList("select subject_current || ' ' || coalesce(subject_given, 'null') || ' '"
                + " || coalesce(subject_family, 'null') from person_link where record_key = ?", String.class, recordKey)
                .stream().findFirst().orElse("gone");
    }

    @Test
    void gatewaysAreReadableByIgOfficersOnly() {
        JsonNode gateways = api.get("ig1", "/api/gateways").json();
        assertThat(gateways.findValuesAsText("id")).containsExactly("consent", "wra-2012-s131", "dea-2017-s35",
                "cda-1998-s115", "ca-2004-s10", "safeguarding");
        gateways.forEach(g -> assertThat(g.get("statute").asText()).isNotBlank());
        assertThat(gateways.get(0).get("requiresConsent").asBoolean()).isTrue();
        assertThat(api.get("kw1", "/api/gateways").status()).isEqualTo(403);
        assertThat(api.get("police-it", "/api/agreements").status()).isEqualTo(403);
    }

    @Test
    void aDraftIsApprovedByASecondOfficerAndEveryVersionIsKept() {
        String id = "isa-test-" + run;
        String draft = """
                {"agreementId": "%s", "partner": "school", "categories": ["education-attendance"], "purposes": ["assessment"],
                 "gateways": ["dea-2017-s35"], "fields": ["givenName", "familyName", "dateOfBirth", "upn", "facts"],
                 "retentionDays": 365, "validFrom": "2026-01-01", "validTo": "2026-12-31"}""".formatted(id);
        Api.Response created = api.post("ig1", "/api/agreements", draft);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(created.json().get("version").asInt()).isEqualTo(1);

        Api.Response own = api.post("ig1", "/api/agreements/" + id + "/approve", "");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("error").asText()).contains("maker-checker");
        assertThat(api.post("ig2", "/api/agreements/" + id + "/approve", "").json().get("status").asText()).isEqualTo("ACTIVE");

        assertThat(api.post("ig2", "/api/agreements", draft.replace("\"retentionDays\": 365", "\"retentionDays\": 30")).status())
                .isEqualTo(201);
        assertThat(api.post("ig1", "/api/agreements/" + id + "/approve", "").status()).isEqualTo(200);
        JsonNode versions = api.get("ig1", "/api/agreements/" + id).json().get("versions");
        assertThat(versions.findValuesAsText("status")).containsExactly("SUPERSEDED", "ACTIVE");
        assertThat(versions.get(1).get("retentionDays").asInt()).isEqualTo(30);
        assertThat(api.get("ig1", "/api/agreements").json().findValuesAsText("agreementId")).contains(id, "isa-police", "isa-dwp");
    }

    @Test
    void anInvalidDraftIsRefusedWithEveryReason() {
        Api.Response r = api.post("ig1", "/api/agreements", """
                {"partner": "dwp", "categories": ["worklessness", "gossip"], "purposes": ["marketing"],
                 "gateways": ["cda-1998-s115"], "fields": [], "retentionDays": 30, "validFrom": "2026-02-01", "validTo": "2026-01-01"}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("gossip").contains("marketing")
                .contains("cda-1998-s115 cannot be relied on by dwp").contains("fields").contains("validTo is before validFrom");
    }

    @Test
    void healthDataNeedsConsentAndWithdrawalRemovesIt() {
        String episode = "eoc-" + run;
        JsonNode refused = api.post("health-it", "/api/feeds/health", HEALTH_BUNDLE.formatted(episode)).json();
        assertThat(refused.get("refused").asInt()).isEqualTo(1);
        assertThat(stored("health", episode)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from quarantine where raw like ?", Long.class, "%" + episode + "%")).isZero();
        // Only its audit event remains, naming the person and the record by keyed hashes alone.
        Api.Response audit = api.get("ig1", "/api/audit?person=4010232137&type=REFUSED");
        JsonNode refusal = audit.json().get(0);
        assertThat(refusal.get("rule").asText()).isEqualTo("NO_CONSENT");
        assertThat(refusal.get("recordKey").asText()).startsWith("hash:");
        assertThat(refusal.get("batchId").asText()).isEqualTo(refused.get("batchId").asText());
        assertThat(audit.body()).doesNotContain("Kerry").doesNotContain("Brennan").doesNotContain("4010232137").doesNotContain(episode);

        Api.Response consent = api.post("ig1", "/api/consents", """
                {"person": {"givenName": "Kerry", "familyName": "Brennan", "dateOfBirth": "1981-04-11", "postcode": "CV2 1EQ"},
                 "partners": ["health"], "categories": ["substance-misuse"], "purposes": ["assessment", "case-coordination"],
                 "givenBy": "SELF", "givenOn": "2025-06-01", "evidence": "signed form %s"}""".formatted(run));
        assertThat(consent.status()).isEqualTo(201);
        String consentId = consent.json().get("consentId").asText();

        JsonNode kept = api.post("health-it", "/api/feeds/health", HEALTH_BUNDLE.formatted(episode)).json();
        assertThat(kept.get("accepted").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select purposes from partner_record where source_record_id = ?", java.sql.Array.class, episode)
                .toString()).isEqualTo("{assessment,case-coordination}");

        assertThat(api.post("ig2", "/api/consents/" + consentId + "/withdraw", "").status()).isEqualTo(200);
        assertThat(stored("health", episode)).as("withdrawal removes the rows, not a flag").isZero();
        assertThat(api.get("auditor1", "/api/audit?partner=health&type=PURGED").json().findValuesAsText("rule")).contains("CONSENT_WITHDRAWN");
        assertThat(api.get("auditor1", "/api/audit?type=CONSENT_CHANGED").json().findValuesAsText("decision")).contains("RECORDED", "WITHDRAWN");
        assertThat(api.get("auditor1", "/api/audit/verify").json().get("valid").asBoolean()).isTrue();
        assertThat(api.post("ig2", "/api/consents/" + consentId + "/withdraw", "").status()).isEqualTo(409);
    }

    @Test
    void safeguardingWithAWrittenJustificationIsKeptAndFlaggedForReview() {
        String episode = "eoc-sg-" + run;
        // A different person from the consent test, so no consent of hers can be in force.
        String bundle = HEALTH_BUNDLE.formatted(episode).replace("4010232137", "4010232145").replace("Kerry", "Kirsty");
        JsonNode r = api.post("health-it", "/api/feeds/health", bundle, "X-Justification",
                "Children at risk: drug use reported at the home; consent cannot be sought safely").json();
        assertThat(r.get("accepted").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select flagged from partner_record where source_record_id = ?", Boolean.class, episode)).isTrue();
        assertThat(jdbc.queryForObject("select array_to_string(gateways, ',') from partner_record where source_record_id = ?",
                String.class, episode)).isEqualTo("safeguarding");
    }

    @Test
    void dwpDataIsKeptForIdentificationOnly() {
        String ref = "DWP-" + run;
        api.post("dwp-it", "/api/feeds/dwp", "match_ref,nino,given_name,family_name,date_of_birth,postcode,benefit,claim_start,work_status\n"
                + ref + ",JT482915A,Sarah,O'Neill,1986-05-12,CV1 4FS,UC,2024-03-11,NOT_WORKING\n");
        assertThat(jdbc.queryForObject("select array_to_string(purposes, ',') from partner_record where source_record_id = ?",
                String.class, ref)).isEqualTo("identification");
    }

    @Test
    void suspendingAnAgreementRemovesTheRecordsThatReliedOnItWhenThePurgeRuns() {
        // An agreement whose id sorts before isa-housing, so the engine relies on it while it is active.
        String id = "isa-aaa-" + run;
        approve(id, "housing", "[\"housing\"]", 3650);
        String tenancy = "T-" + run;
        String key = tenancy + "|Amina|Khan|1990-09-21";
        api.post("housing-it", "/api/feeds/housing", housingRow(tenancy));
        assertThat(jdbc.queryForObject("select array_to_string(agreement_ids, ',') from partner_record where source_record_id = ?",
                String.class, key)).isEqualTo(id);

        assertThat(api.post("ig1", "/api/agreements/" + id + "/suspend", "").json().get("status").asText()).isEqualTo("SUSPENDED");
        List<String> purged = purger.purgeEndedAgreements();
        assertThat(purged).contains("housing|" + key);
        assertThat(stored("housing", key)).isZero();
    }

    @Test
    void recordsPastTheirRetentionPeriodAreRemoved() {
        String id = "isa-aab-" + run;
        approve(id, "housing", "[\"housing\"]", 0);
        String tenancy = "R-" + run;
        api.post("housing-it", "/api/feeds/housing", housingRow(tenancy));
        String key = tenancy + "|Amina|Khan|1990-09-21";
        assertThat(stored("housing", key)).isEqualTo(1);
        assertThat(linkIdentity("housing|" + key)).isEqualTo("true Amina Khan");
        assertThat(purger.purgeRetention()).contains("housing|" + key);
        assertThat(stored("housing", key)).isZero();
        assertThat(linkIdentity("housing|" + key)).as("a purged record is no longer a linkage candidate, its link gone")
                .isEqualTo("gone");
        api.post("ig1", "/api/agreements/" + id + "/expire", "");
    }

    @Test
    void previewShowsWhatADraftWouldDoWithoutStoringAnything() {
        String id = "isa-preview-" + run;
        api.post("ig1", "/api/agreements", """
                {"agreementId": "%s", "partner": "police", "categories": ["crime-asb"], "purposes": ["assessment"],
                 "gateways": ["cda-1998-s115"], "fields": ["givenName", "familyName", "dateOfBirth", "address", "facts"],
                 "retentionDays": 365, "validFrom": "2024-01-01", "validTo": "2027-12-31"}""".formatted(id));
        long before = jdbc.queryForObject("select count(*) from partner_record", Long.class);
        JsonNode preview = api.post("ig2", "/api/agreements/" + id + "/preview",
                java.nio.file.Files.exists(java.nio.file.Path.of("connectors/partners/police/samples/incidents.csv"))
                        ? readSample() : "").json();
        assertThat(preview.get("redacted").asInt()).isPositive();
        assertThat(preview.get("refused").asInt()).as("domestic abuse is outside this draft").isPositive();
        assertThat(preview.get("decisions").findValuesAsText("outcome")).contains("PERMIT_REDACTED", "REFUSE");
        assertThat(preview.get("decisions").findValues("droppedFields").toString()).contains("involvement");
        assertThat(jdbc.queryForObject("select count(*) from partner_record", Long.class)).isEqualTo(before);
        assertThat(api.get("ig1", "/api/agreements/" + id).json().get("status").asText()).isEqualTo("DRAFT");
    }

    private static String readSample() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("connectors/partners/police/samples/incidents.csv"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void approve(String id, String partner, String categories, int retentionDays) {
        assertThat(api.post("ig1", "/api/agreements", """
                {"agreementId": "%s", "partner": "%s", "categories": %s, "purposes": ["identification", "assessment"],
                 "gateways": ["dea-2017-s35"], "fields": ["*"], "retentionDays": %d, "validFrom": "2024-01-01",
                 "validTo": "2027-12-31"}""".formatted(id, partner, categories, retentionDays)).status()).isEqualTo(201);
        assertThat(api.post("ig2", "/api/agreements/" + id + "/approve", "").status()).isEqualTo(200);
    }

    private static String housingRow(String tenancy) {
        return "tenancy_ref,uprn,address_line1,address_line2,town,postcode,given_name,family_name,date_of_birth,"
                + "relationship_to_tenant,rent_arrears_gbp,asb_complaints_12m,notice_seeking_possession,housing_officer_name,"
                + "housing_officer_phone,housing_officer_email\n"
                + tenancy + ",100070000201,9 Elm Close,,Coventry,CV6 3EX,Amina,Khan,1990-09-21,TENANT,0.00,0,N,M Bell,024 7671 2000,m.bell@h.example\n";
    }

    @Test
    void aSubjectAccessReportListsWhatWasSentWhoReadItAndIsItselfAudited() {
        String ref = "DWP-SAR-" + run;
        api.post("dwp-it", "/api/feeds/dwp", "match_ref,nino,given_name,family_name,date_of_birth,postcode,benefit,claim_start,work_status\n"
                + ref + ",PR630218B,Amina,Khan,1990-09-21,CV6 3EX,UC,2023-07-01,NOT_WORKING\n");
        api.get("ig2", "/api/audit?person=nino:PR630218B");

        JsonNode report = api.get("ig1", "/api/people/nino:PR630218B/access-report").json();
        assertThat(report.get("partners").toString()).contains("dwp");
        // Other tests may have sent records about the same NINO: pick this test's one.
        JsonNode record = null;
        for (JsonNode r : report.get("records")) {
            if (ref.equals(r.get("sourceRecordId").asText())) {
                record = r;
            }
        }
        assertThat(record).as("the record sent for this person is in the report").isNotNull();
        assertThat(record.get("gateways").toString()).contains("wra-2012-s131");
        assertThat(record.get("purposes").toString()).isEqualTo("[\"identification\"]");
        assertThat(report.get("reads").findValuesAsText("who")).contains("ig2");

        Api.Response page = api.getHtml("ig1", "/api/people/nino:PR630218B/access-report");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("Subject access report").contains(ref).contains("wra-2012-s131");
        assertThat(api.get("kw1", "/api/people/nino:PR630218B/access-report").status()).isEqualTo(403);
        // Reading the report is a read of the person's data: audited with its purpose.
        assertThat(api.get("ig1", "/api/people/nino:PR630218B/access-report").json().get("reads").findValuesAsText("purpose"))
                .contains("subject-access");
    }
}
