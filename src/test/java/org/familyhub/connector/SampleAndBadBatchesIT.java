package org.familyhub.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.familyhub.config.HubPaths;
import org.familyhub.support.Api;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each partner's spec example pushed, then the same bytes dropped as a file: the push keeps every record, the file
 * keeps nothing new and counts each as a duplicate. And each kind of bad body, through the API.
 */
@HubIntegrationTest
class SampleAndBadBatchesIT {

    @LocalServerPort
    int port;
    @Autowired
    HubPaths paths;
    @Autowired
    JdbcTemplate jdbc;

    static Stream<Arguments> samples() {
        return Stream.of(Arguments.of("police", "incidents.csv"), Arguments.of("school", "attendance.xml"),
                Arguments.of("health", "episodes.json"), Arguments.of("probation", "cases.json"),
                Arguments.of("housing", "tenancies.csv"), Arguments.of("dwp", "matches.csv"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aPushedSampleAndTheSameSampleDroppedAsAFileAgree(String partner, String sample) throws IOException {
        byte[] body = Files.readAllBytes(Path.of("connectors/partners", partner, "samples", sample));
        Api api = new Api(port);
        if ("health".equals(partner)) {
            // Health data needs the person's consent (or a safeguarding justification): record it as an IG officer would.
            for (String[] p : new String[][] {{"Mia", "O'Neill", "2014-08-30", "9434765919", "health-mental"},
                    {"Zara", "Khan", "2024-12-01", "6124839024", "health-physical"},
                    {"Kelly", "Brown", "1979-03-30", "4857773457", "substance-misuse"}}) {
                assertThat(api.post("ig1", "/api/consents", CONSENT.formatted(p[0], p[1], p[2], p[3], p[4])).status()).isEqualTo(201);
            }
        }
        // Sent as curl --data-binary sends it (Content-Type of a form): the body must still arrive untouched.
        JsonNode pushed = api.postAsCurlDoes(partner + "-it", "/api/feeds/" + partner, body).json();
        assertThat(pushed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(pushed.get("quarantined").asInt()).isZero();
        assertThat(pushed.get("refused").asInt()).isZero();
        assertThat(pushed.get("accepted").asInt()).isPositive().isEqualTo(pushed.get("received").asInt());

        String name = UUID.randomUUID() + "-" + sample;
        Path inbox = paths.inbox(partner);
        Files.createDirectories(inbox);
        Files.write(inbox.resolve(name + ".part"), body);
        Files.move(inbox.resolve(name + ".part"), inbox.resolve(name));
        await().atMost(Duration.ofSeconds(20)).until(() -> !jdbc.queryForList(
                "select 1 from batch where source_name = ? and status <> 'PROCESSING'", name).isEmpty());
        Map<String, Object> dropped = jdbc.queryForMap("select * from batch where source_name = ?", name);
        assertThat(dropped).containsEntry("status", "COMPLETED").containsEntry("accepted", 0)
                .containsEntry("received", pushed.get("received").asInt())
                .containsEntry("duplicate", pushed.get("accepted").asInt());
    }

    static final String CONSENT = """
            {"person": {"givenName": "%s", "familyName": "%s", "dateOfBirth": "%s", "nhsNumber": "%s"},
             "partners": ["health"], "categories": ["%s"], "purposes": ["assessment", "case-coordination"],
             "givenBy": "PARENT", "givenOn": "2025-01-01", "evidence": "consent form CF-1"}""";

    @ParameterizedTest(name = "{1} → {0}: {2}")
    @CsvSource({
            "police, not-csv.txt, 400",
            "dwp, latin-1.csv, 400",
            "police, police-missing-columns.csv, 400",
            "police, police-unclosed-quote.csv, 400",
            "police, police-broken-quote.csv, 202",
            "police, police-one-bad-row.csv, 202",
            "school, malformed.xml, 400",
            "school, xxe.xml, 400",
            "school, billion-laughs.xml, 400",
            "school, entity-without-doctype.xml, 400",
            "school, school-bad-pupils.xml, 202",
            "health, fhir-transaction.json, 400",
            "probation, truncated.json, 400",
            "probation, probation-malformed.json, 400",
            "probation, probation-not-cases.json, 400"})
    void badBodiesFailWithOneReasonOrQuarantineTheirBadRecords(String partner, String file, int status) throws IOException {
        Api api = new Api(port);
        Api.Response r = api.post(partner + "-it", "/api/feeds/" + partner,
                Files.readAllBytes(Path.of("src/test/resources/feeds/bad", file)));
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        if (status == 400) {
            assertThat(r.json().get("error").asText()).isNotBlank();
            JsonNode batch = api.get(partner + "-it", "/api/feeds/" + partner + "/batches/" + r.json().get("batchId").asText()).json();
            assertThat(batch.get("status").asText()).isEqualTo("FAILED");
            assertThat(batch.get("accepted").asInt()).isZero();
        } else {
            assertThat(r.json().get("quarantined").asInt()).isPositive();
            assertThat(r.json().get("accepted").asInt() + r.json().get("duplicate").asInt()).isPositive();
            JsonNode q = api.get(partner + "-it", "/api/quarantine?batch=" + r.json().get("batchId").asText()).json();
            assertThat(q).hasSize(r.json().get("quarantined").asInt());
            q.forEach(item -> assertThat(item.get("reason").asText()).isNotBlank());
        }
    }
}
