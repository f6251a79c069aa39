package org.familyhub.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.familyhub.audit.AuditTrail;
import org.familyhub.outbound.earlyhelp.wsdl.FamilyNotification;
import org.familyhub.support.Api;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The early-help feed end to end, over real SOAP: the hub's sender → WireMock (a proxy that can inject a 500, a
 * SOAP fault or a delay) → a CXF case system built from the same WSDL, which records what it receives and drops a
 * notification id it already accepted. Only this class points the shared context's sender anywhere, and only while
 * its tests run; in every other test the endpoint is unset and nothing is sent.
 */
@HubIntegrationTest
class OutboundEarlyHelpIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static CaseSystemDouble caseSystem;
    static WireMockServer proxy;

    @Autowired
    OutboundOutbox outbox;
    @Autowired
    EarlyHelpSender sender;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    OutboundAuditEvents events;
    @Autowired
    AuditTrail audit;
    @Autowired
    EarlyHelpClient client;
    @LocalServerPort
    int port;

    Api api;
    String run;

    @BeforeAll
    static void startCaseSystem() {
        caseSystem = new CaseSystemDouble();
        proxy = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
        // One call before the tests, so that no test's first send pays for JAXB and CXF warming up on both sides.
        EarlyHelpClient warmUp = new EarlyHelpClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
        try {
            warmUp.send(caseSystem.url(), EarlyHelpMapper.toNotification(UUID.randomUUID(), FamilyChanges.of("warm-up", "w")));
        } finally {
            warmUp.destroy();
        }
    }

    @AfterAll
    static void stopCaseSystem() {
        proxy.stop();
        caseSystem.close();
    }

    @BeforeEach
    void pointTheSenderAtTheProxy() {
        proxy.resetAll();
        // Everything passes through to the case system unless a test's stub (higher priority) says otherwise.
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(base(caseSystem.url()))));
        sender.pointAt(proxy.baseUrl() + CaseSystemDouble.PATH);
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void unsetTheEndpoint() {
        sender.pointAt(null);
    }

    @Test
    void aChangeIsSentOnceWithItsNotificationIdAndNoNinoAndEnqueueingItAgainAddsNothing() {
        String family = "fam-" + run;
        String nhs = "9" + Math.abs(run.hashCode() % 1_000_000_000L); // unique here: the subject access check below
        FamilyChange change = FamilyChanges.of(family, family + "|view-1", FamilyChange.Reason.NEWLY_ELIGIBLE, nhs);
        String id = OutboundOutbox.notificationId("early-help", change.changeKey()).toString();

        Boolean first = tx.execute(s -> outbox.enqueue(change));
        Boolean again = tx.execute(s -> outbox.enqueue(change));
        assertThat(first).isTrue();
        assertThat(again).as("the same change again").isFalse();
        await().atMost(WAIT).until(() -> status(family).equals("SENT"));

        FamilyNotification got = caseSystem.accepted(id);
        assertThat(got.getFamilyId()).isEqualTo(family);
        assertThat(got.getMember()).hasSize(2);
        assertThat(got.getMember().get(0).getIdentifier()).extracting(i -> i.getScheme())
                .containsExactly("NHS", "PNC", "UPRN");
        assertThat(got.getWorker().get(0).getProfessional()).isEqualTo("Ms Patel");
        assertThat(got.getCriterion().get(0).getEvidenceDate()).hasSize(2);
        List<LoggedRequest> bodies = requestsFor(family);
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0).getBodyAsString()).contains(id).contains(nhs).doesNotContain(FamilyChanges.NINO);
        assertThat(jdbc.queryForObject("select count(*) from outbound_message where family_id = ?", Integer.class, family))
                .isEqualTo(1);
        Map<String, Object> row = row(family);
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("case_reference")).isEqualTo("EH-" + id.substring(0, 8));
        assertThat((String) row.get("payload")).doesNotContain(FamilyChanges.NINO);

        sleepTicks(3); // the sender keeps running: nothing more goes out for this change
        assertThat(caseSystem.receipts(id)).isEqualTo(1);
        assertThat(requestsFor(family)).hasSize(1);
        assertThat(pushes(family)).containsExactly("SENT");
        assertAuditHoldsNoPersonalData(family, nhs);
        // The mother's subject access report lists the push (found by the keyed hash of her NHS number).
        JsonNode report = api.get("ig1", "/api/people/nhs:" + nhs + "/access-report").json();
        assertThat(report.get("pushes")).hasSize(1);
        assertThat(report.get("pushes").get(0).get("partner").asText()).isEqualTo("early-help");
        assertThat(report.get("pushes").get(0).get("decision").asText()).isEqualTo("SENT");
    }

    @Test
    void enqueueJoinsTheCallersTransaction() {
        String family = "fam-" + run;
        tx.executeWithoutResult(s -> {
            outbox.enqueue(FamilyChanges.of(family, family + "|rolled-back"));
            s.setRollbackOnly(); // the family change failed: its message must not exist either
        });
        assertThat(jdbc.queryForObject("select count(*) from outbound_message where family_id = ?", Integer.class, family))
                .isZero();
    }

    @Test
    void aServerErrorIsRetriedWithBackoffAndTheChangeArrivesOnce() {
        String family = "fam-" + run;
        proxy.stubFor(post(urlEqualTo(CaseSystemDouble.PATH)).atPriority(1).withRequestBody(containing(family))
                .inScenario("500-" + run).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Internal Server Error</body></html>"))
                .willSetStateTo("recovered"));
        FamilyChange change = FamilyChanges.of(family, family + "|v1");
        String id = OutboundOutbox.notificationId("early-help", change.changeKey()).toString();
        outbox.enqueue(change);

        await().atMost(WAIT).until(() -> status(family).equals("SENT"));
        assertThat(row(family).get("attempts")).isEqualTo(2);
        assertThat(requestsFor(family)).hasSize(2);
        assertThat(caseSystem.receipts(id)).isEqualTo(1);
        assertThat(caseSystem.accepted(id)).isNotNull();
        assertThat(pushes(family)).containsExactly("RETRY", "SENT");
        assertThat(jdbc.queryForObject("""
                select reason from audit_event where record_key = ? and decision = 'RETRY'""", String.class,
                "family|" + family)).startsWith("HTTP 500");
    }

    @Test
    void aTimeoutIsRetriedAndTheCaseSystemKeepsOneCopy() {
        String family = "fam-" + run;
        // The first call reaches the case system but its answer comes after the client's receive timeout (3 s).
        proxy.stubFor(post(urlEqualTo(CaseSystemDouble.PATH)).atPriority(1).withRequestBody(containing(family))
                .inScenario("slow-" + run).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().proxiedFrom(base(caseSystem.url())).withFixedDelay(4500))
                .willSetStateTo("fast"));
        FamilyChange change = FamilyChanges.of(family, family + "|v1");
        String id = OutboundOutbox.notificationId("early-help", change.changeKey()).toString();
        outbox.enqueue(change);

        await().atMost(WAIT).until(() -> status(family).equals("SENT"));
        assertThat(row(family).get("attempts")).isEqualTo(2);
        assertThat(pushes(family)).containsExactly("RETRY", "SENT");
        assertThat(jdbc.queryForObject("""
                select reason from audit_event where record_key = ? and decision = 'RETRY'""", String.class,
                "family|" + family)).startsWith("timeout");
        // The retry carried the same notification id, so the case system kept one copy however often it was reached.
        List<LoggedRequest> calls = requestsFor(family);
        assertThat(calls).hasSize(2).allSatisfy(r -> assertThat(r.getBodyAsString()).contains(id));
        assertThat(caseSystem.receipts(id)).isBetween(1, 2);
        assertThat(caseSystem.accepted(id).getFamilyId()).isEqualTo(family);
    }

    @Test
    void aRejectedNotificationIsADeadLetterAndItsReplayArrivesOnce() {
        String family = "fam-" + run;
        StubMapping fault = proxy.stubFor(post(urlEqualTo(CaseSystemDouble.PATH)).atPriority(1)
                .withRequestBody(containing(family))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml; charset=utf-8").withBody("""
                        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
                          <soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>rejected</faultstring>
                            <detail><eh:NotificationRejected xmlns:eh="http://earlyhelp.example.gov.uk/notify/v1">
                              <eh:code>UNKNOWN_FRAMEWORK</eh:code><eh:message>framework not configured here</eh:message>
                            </eh:NotificationRejected></detail>
                          </soap:Fault></soap:Body>
                        </soap:Envelope>""")));
        FamilyChange change = FamilyChanges.of(family, family + "|v1");
        String id = OutboundOutbox.notificationId("early-help", change.changeKey()).toString();
        outbox.enqueue(change);

        await().atMost(WAIT).until(() -> status(family).equals("DEAD"));
        Map<String, Object> dead = row(family);
        assertThat(dead.get("attempts")).as("a rejection is not retried").isEqualTo(1);
        assertThat((String) dead.get("last_error")).contains("UNKNOWN_FRAMEWORK");
        assertThat(caseSystem.receipts(id)).isZero();

        long rowId = ((Number) dead.get("id")).longValue();
        JsonNode letters = api.get("data1", "/api/outbound/dead-letters").json();
        JsonNode letter = find(letters, rowId);
        assertThat(letter.get("system").asText()).isEqualTo("early-help");
        assertThat(letter.get("familyId").asText()).isEqualTo(family);
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(letter.get("lastError").asText()).contains("UNKNOWN_FRAMEWORK");
        assertThat(api.get("ig1", "/api/outbound/dead-letters").status()).isEqualTo(403);
        assertThat(api.post("kw1", "/api/outbound/dead-letters/" + rowId + "/replay", "").status()).isEqualTo(403);

        sleepTicks(2); // a dead letter stays dead
        assertThat(status(family)).isEqualTo("DEAD");
        assertThat(requestsFor(family)).hasSize(1);

        proxy.removeStub(fault); // the case system's configuration is fixed; the data team replays
        assertThat(api.post("data1", "/api/outbound/dead-letters/" + rowId + "/replay", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> status(family).equals("SENT"));
        assertThat(caseSystem.receipts(id)).isEqualTo(1);
        assertThat(caseSystem.accepted(id).getNotificationId()).as("same id after replay").isEqualTo(id);
        assertThat(row(family).get("attempts")).isEqualTo(1);
        assertThat(find(api.get("data1", "/api/outbound/dead-letters").json(), rowId)).isNull();
        assertThat(pushes(family)).containsExactly("DEAD", "REPLAYED", "SENT");
        assertThat(jdbc.queryForObject("select actor from audit_event where record_key = ? and decision = 'REPLAYED'",
                String.class, "family|" + family)).isEqualTo("data1");

        assertThat(api.post("data1", "/api/outbound/dead-letters/" + rowId + "/replay", "").status())
                .as("a sent message is not a dead letter").isEqualTo(409);
        assertThat(api.post("data1", "/api/outbound/dead-letters/999999999/replay", "").status()).isEqualTo(404);
        assertAuditHoldsNoPersonalData(family, "9434765919");
    }

    @Test
    void aMessageThatKeepsFailingBecomesADeadLetterAfterTheLastAttempt() {
        String family = "fam-" + run;
        proxy.stubFor(post(urlEqualTo(CaseSystemDouble.PATH)).atPriority(1).withRequestBody(containing(family))
                .willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        outbox.enqueue(FamilyChanges.of(family, family + "|v1"));

        await().atMost(WAIT).until(() -> status(family).equals("DEAD"));
        Map<String, Object> dead = row(family);
        assertThat(dead.get("attempts")).isEqualTo(3); // familyhub.outbound.retry.attempts in the test profile
        assertThat((String) dead.get("last_error")).contains("503").contains("after 3 attempts");
        assertThat(requestsFor(family)).hasSize(3);
        assertThat(pushes(family)).containsExactly("RETRY", "RETRY", "DEAD");
        // Exponential backoff: the second wait is longer than the first (200 ms, then 400 ms in the test profile).
        List<LoggedRequest> calls = requestsFor(family);
        long first = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        long second = calls.get(2).getLoggedDate().getTime() - calls.get(1).getLoggedDate().getTime();
        assertThat(first).isGreaterThanOrEqualTo(200);
        assertThat(second).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aMessageSavedBeforeARestartIsSentOnceByTheNextSender() {
        String family = "fam-" + run;
        sender.pointAt(null); // the hub is "down": the change is committed, nothing sends it
        FamilyChange change = FamilyChanges.of(family, family + "|v1");
        String id = OutboundOutbox.notificationId("early-help", change.changeKey()).toString();
        tx.executeWithoutResult(s -> outbox.enqueue(change));
        sleepTicks(3);
        assertThat(status(family)).isEqualTo("PENDING");
        assertThat(row(family).get("attempts")).isEqualTo(0);
        JsonNode early = earlyHelpStatus();
        assertThat(early.get("configured").asBoolean()).isFalse();
        assertThat(early.get("pending").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(requestsFor(family)).isEmpty();

        // After the restart: a new sender, knowing only the database, picks the message up.
        EarlyHelpSender next = newSender();
        assertThat(next.sendDue()).isGreaterThanOrEqualTo(1);
        assertThat(status(family)).isEqualTo("SENT");
        sender.pointAt(proxy.baseUrl() + CaseSystemDouble.PATH); // and the old one is back as well
        sleepTicks(3);
        assertThat(caseSystem.receipts(id)).isEqualTo(1);
        assertThat(requestsFor(family)).hasSize(1);
        JsonNode status = earlyHelpStatus();
        assertThat(status.get("configured").asBoolean()).isTrue();
        assertThat(status.get("sent").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("kw1", "/api/outbound/status").status()).isEqualTo(403);
    }

    @Test
    void severalSendersAtOnceSendEachMessageOnce() throws Exception {
        sender.pointAt(null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            FamilyChange c = FamilyChanges.of("fam-" + run + "-" + i, "fam-" + run + "-" + i + "|v1");
            outbox.enqueue(c);
            ids.add(OutboundOutbox.notificationId("early-help", c.changeKey()).toString());
        }
        // Three replicas' senders drain the outbox together (SELECT ... FOR UPDATE SKIP LOCKED).
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> replicas = List.of(newSender()::sendDue, newSender()::sendDue, newSender()::sendDue);
            int attempted = 0;
            for (Future<Integer> f : pool.invokeAll(replicas)) {
                attempted += f.get();
            }
            assertThat(attempted).isEqualTo(24);
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertThat(caseSystem.receipts(id)).as(id).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("select count(*) from outbound_message where family_id like ? and status = 'SENT'",
                Integer.class, "fam-" + run + "-%")).isEqualTo(24);
    }

    // --- helpers

    EarlyHelpSender newSender() {
        return new EarlyHelpSender(jdbc, tx, outbox, events, audit, client, proxy.baseUrl() + CaseSystemDouble.PATH,
                Duration.ofMillis(200), Duration.ofSeconds(1), 3, 50);
    }

    String status(String family) {
        return jdbc.queryForObject("select status from outbound_message where family_id = ?", String.class, family);
    }

    Map<String, Object> row(String family) {
        return jdbc.queryForMap("select id, attempts, last_error, case_reference, payload::text as payload"
                + " from outbound_message where family_id = ?", family);
    }

    List<String> pushes(String family) {
        return jdbc.queryForList("select decision from audit_event where type = 'PUSHED' and record_key = ? order by id",
                String.class, "family|" + family);
    }

    /** The audit knows the family and the outcome, never a name, date of birth or identifier in clear. */
    void assertAuditHoldsNoPersonalData(String family, String... identifiers) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select actor, role, partner, record_key, decision, rule, reason, details::text as details,
                       subject_hashes::text as hashes
                  from audit_event where record_key = ?""", "family|" + family);
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("partner")).isEqualTo("early-help");
            String hashes = (String) r.remove("hashes"); // hex: any digits may turn up in it by chance
            assertThat(hashes).isNotEqualTo("{}"); // members' keyed hashes, for subject access
            assertThat(r.toString()).doesNotContain("Sarah", "O'Neill", "1988", FamilyChanges.NINO, "A123456789012",
                    "Patel", "0161").doesNotContain(identifiers);
        });
    }

    List<LoggedRequest> requestsFor(String family) {
        return proxy.findAll(postRequestedFor(urlEqualTo(CaseSystemDouble.PATH)).withRequestBody(containing(family)));
    }

    JsonNode earlyHelpStatus() {
        Api.Response r = api.get("data1", "/api/outbound/status");
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode s : r.json()) {
            if (s.get("system").asText().equals("early-help")) {
                return s;
            }
        }
        throw new AssertionError("no early-help in " + r.body());
    }

    static JsonNode find(JsonNode letters, long id) {
        for (JsonNode l : letters) {
            if (l.get("id").asLong() == id) {
                return l;
            }
        }
        return null;
    }

    static String base(String url) {
        return url.substring(0, url.indexOf('/', "http://".length()));
    }

    static void sleepTicks(int ticks) {
        try {
            Thread.sleep(ticks * 500L + 200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
