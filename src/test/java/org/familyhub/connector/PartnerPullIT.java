package org.familyhub.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.UUID;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Scheduled pulls against partner doubles (WireMock): cursor paging for probation, FHIR search for health. */
@HubIntegrationTest
class PartnerPullIT {

    @Autowired
    CursorPagedPuller probationPuller;
    @Autowired
    FhirSearchPuller fhirPuller;
    @Autowired
    ConnectorStateRepository state;
    @Autowired
    JdbcTemplate jdbc;

    WireMockServer partner;
    String run;

    @BeforeEach
    void start() {
        partner = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        partner.start();
        run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    @AfterEach
    void stop() {
        partner.stop();
    }

    static String probationCase(String crn, String given) {
        return """
                {"crn":"%s","givenName":"%s","familyName":"Smith","dateOfBirth":"1988-07-14",
                 "address":{"line1":"1 High St","town":"Coventry","postcode":"CV1 1AA"},"pncId":"2001/0123456A",
                 "sentenceType":"COMMUNITY_ORDER","supervisionStart":"2025-01-10","supervisionEnd":null,"flags":[],
                 "offenderManager":{"name":"R Jones","team":"Coventry North","phone":"024 7600 1111","email":"r.jones@probation.example"}}"""
                .formatted(crn, given);
    }

    String crn(int n) {
        // CRN is a letter and six digits; the run id keeps tests independent in the shared database.
        return "Z" + String.format("%06d", (Math.abs(run.hashCode()) % 9000) * 100 + n);
    }

    @Test
    void probationPullFollowsTwoPagesRetriesA500AndKeepsItsCursorAcrossARestart() {
        String connector = "probation-test-" + run;
        partner.stubFor(get(urlPathEqualTo("/cases")).withQueryParam("since", absent())
                .willReturn(okJson("{\"cases\":[" + probationCase(crn(1), "Lee") + "," + probationCase(crn(2), "Jo") + "],\"next\":\"c2\"}")));
        // Page two fails once with a 500, then succeeds: the retry must hide that from the pipeline.
        partner.stubFor(get(urlPathEqualTo("/cases")).withQueryParam("since", equalTo("c2"))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        partner.stubFor(get(urlPathEqualTo("/cases")).withQueryParam("since", equalTo("c2"))
                .inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"cases\":[" + probationCase(crn(3), "Kim") + "],\"next\":\"c3\"}")));
        partner.stubFor(get(urlPathEqualTo("/cases")).withQueryParam("since", equalTo("c3"))
                .willReturn(okJson("{\"cases\":[],\"next\":null}")));

        int batches = probationPuller.pull(connector, "probation", partner.baseUrl());

        assertThat(batches).isEqualTo(2);
        assertThat(state.cursor(connector)).contains("c3");
        assertThat(jdbc.queryForObject("select count(*) from partner_record where partner = 'probation' and source_record_id in (?, ?, ?)",
                Long.class, crn(1), crn(2), crn(3))).isEqualTo(3);
        partner.verify(2, getRequestedFor(urlPathEqualTo("/cases")).withQueryParam("since", equalTo("c2")));

        // A restart: a fresh poll (any replica) starts from the stored cursor, not from the beginning.
        partner.resetRequests();
        probationPuller.pull(connector, "probation", partner.baseUrl());
        partner.verify(0, getRequestedFor(urlPathEqualTo("/cases")).withQueryParam("since", absent()));
        partner.verify(1, getRequestedFor(urlPathEqualTo("/cases")).withQueryParam("since", equalTo("c3")));
    }

    @Test
    void aPartnerThatKeepsFailingLeavesTheCursorAndRecordsTheError() {
        String connector = "probation-down-" + run;
        state.started(connector, "probation");
        state.advance(connector, "c9");
        partner.stubFor(get(urlPathEqualTo("/cases")).willReturn(aResponse().withStatus(503)));

        assertThat(probationPuller.pull(connector, "probation", partner.baseUrl())).isZero();
        assertThat(state.cursor(connector)).contains("c9");
        assertThat(jdbc.queryForObject("select last_error from connector_state where connector_id = ?", String.class, connector))
                .contains("HTTP 503").contains("after 3 attempts");
    }

    static String fhirPage(String episodeId, String nhs, String lastUpdated, String nextUrl) {
        String link = nextUrl == null ? "[]" : "[{\"relation\":\"next\",\"url\":\"" + nextUrl + "\"}]";
        return """
                {"resourceType":"Bundle","type":"searchset","link":%s,"entry":[
                 {"fullUrl":"Patient/p-%s","resource":{"resourceType":"Patient","id":"p-%s",
                   "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],
                   "name":[{"family":"Smith","given":["Ava"]}],"gender":"female","birthDate":"2015-03-02",
                   "address":[{"line":["1 High St"],"city":"Coventry","postalCode":"CV1 1AA"}]}},
                 {"fullUrl":"EpisodeOfCare/%s","resource":{"resourceType":"EpisodeOfCare","id":"%s",
                   "meta":{"lastUpdated":"%s"},"status":"active",
                   "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"CAMHS"}]}],
                   "patient":{"reference":"Patient/p-%s"},"period":{"start":"2025-09-01"},
                   "careManager":{"display":"Dr S Ahmed"},"managingOrganization":{"display":"Coventry CAMHS"}}}]}"""
                .formatted(link, episodeId, episodeId, nhs, episodeId, episodeId, lastUpdated, episodeId);
    }

    @Autowired
    org.familyhub.consent.ConsentStore consents;

    @Test
    void healthFhirSearchFollowsNextLinksAndAsksOnlyForWhatChangedSince() {
        // Health data is kept only with consent: Ava's parent consented to CAMHS data being shared.
        consents.record(new org.familyhub.consent.Consent(null, new org.familyhub.consent.Consent.ConsentPerson("Ava", "Smith",
                java.time.LocalDate.of(2015, 3, 2), null, "9434765919", null, null), java.util.Set.of("health"),
                java.util.Set.of("health-mental"), java.util.Set.of("assessment"), "PARENT", java.time.LocalDate.of(2025, 1, 1),
                null, "form", null), "ig1");
        String connector = "health-test-" + run;
        String e1 = "eoc-" + run + "-1";
        String e2 = "eoc-" + run + "-2";
        partner.stubFor(get(urlPathEqualTo("/fhir/EpisodeOfCare")).withQueryParam("_lastUpdated", absent())
                .willReturn(okJson(fhirPage(e1, "9434765919", "2026-11-01T10:00:00Z", partner.baseUrl() + "/fhir/page2"))));
        partner.stubFor(get(urlPathEqualTo("/fhir/page2"))
                .willReturn(okJson(fhirPage(e2, "9434765919", "2026-11-02T10:00:00Z", null))));
        partner.stubFor(get(urlPathEqualTo("/fhir/EpisodeOfCare")).withQueryParam("_lastUpdated", equalTo("gt2026-11-02T10:00:00Z"))
                .willReturn(okJson("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}")));

        assertThat(fhirPuller.pull(connector, "health", partner.baseUrl() + "/fhir")).isEqualTo(2);
        assertThat(state.cursor(connector)).contains("2026-11-02T10:00:00Z");
        assertThat(jdbc.queryForObject("select count(*) from partner_record where partner = 'health' and source_record_id in (?, ?)",
                Long.class, e1, e2)).isEqualTo(2);
        partner.verify(getRequestedFor(urlPathEqualTo("/fhir/EpisodeOfCare"))
                .withQueryParam("_include", equalTo("EpisodeOfCare:patient")));

        fhirPuller.pull(connector, "health", partner.baseUrl() + "/fhir");
        partner.verify(1, getRequestedFor(urlPathEqualTo("/fhir/EpisodeOfCare"))
                .withQueryParam("_lastUpdated", equalTo("gt2026-11-02T10:00:00Z")));
    }
}
