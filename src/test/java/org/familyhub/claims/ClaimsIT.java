package org.familyhub.claims;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.familyhub.outbound.ClaimsSender;
import org.familyhub.support.Api;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.familyhub.synth.TestIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claims end to end under tf-2015: a family ingested through the feeds is attached the day it becomes eligible, is not
 * claimable then, and is claimable seven months on with no new crime, abuse or out-of-work record (the job is run as
 * of that date: the records the hub holds do not change, time passes). One claim however often the job runs, on
 * however many threads; WireMock, as the claim system, receives one accepted POST per claim, retries included; CSV mode
 * writes the window's file; no DWP detail anywhere a claim goes. Each test makes its own family: the database is shared.
 */
@HubIntegrationTest
class ClaimsIT {

    static final String PATH = "/claims";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String HOUSING_HEADER = "tenancy_ref,uprn,address_line1,address_line2,town,postcode,given_name,"
            + "family_name,date_of_birth,relationship_to_tenant,rent_arrears_gbp,asb_complaints_12m,"
            + "notice_seeking_possession,housing_officer_name,housing_officer_phone,housing_officer_email\n";
    static final String DWP_HEADER = "match_ref,nino,given_name,family_name,date_of_birth,postcode,benefit,claim_start,work_status\n";
    static WireMockServer claimSystem;

    @Autowired
    ClaimJob job;
    @Autowired
    ClaimsSender sender;
    @Autowired
    ClaimsDispatch dispatch;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    Api api;
    final Random random = new Random();
    final LocalDate today = LocalDate.now();
    /** Seven months on: six months without a record, wholly after attachment today. */
    final LocalDate later = today.plusMonths(7);

    @BeforeAll
    static void startClaimSystem() {
        claimSystem = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        claimSystem.start();
    }

    @AfterAll
    static void stopClaimSystem() {
        claimSystem.stop();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        claimSystem.resetAll();
        claimSystem.stubFor(post(urlEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(201)));
    }

    @AfterEach
    void restore() {
        sender.pointAt(null);
        dispatch.use(ClaimsDispatch.Mode.HTTP, dispatch.folder());
    }

    /**
     * A mother and son at one address: ASB eight months ago, domestic abuse seven months ago, a DWP match today. Names
     * and dates of birth of their own (other tests' families must not link to them, nor they to each other).
     */
    final class Family {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String surname = surname();
        final String mother = List.of("Shannon", "Roxanne", "Tamsin", "Leanne", "Carys").get(random.nextInt(5));
        final String son = List.of("Tyler", "Brandon", "Kieran", "Callum", "Reece").get(random.nextInt(5));
        final LocalDate motherBorn = LocalDate.of(1978 + random.nextInt(16), 1 + random.nextInt(12), 1 + random.nextInt(28));
        final LocalDate sonBorn = LocalDate.of(2009 + random.nextInt(8), 1 + random.nextInt(12), 1 + random.nextInt(28));
        final long n = Math.abs(random.nextLong() % 9_000_000L) + 1_000;
        final String nino = TestIds.nino(n);
        final String uprn = String.valueOf(300_000_000_000L + n);
        final String postcode = "CV" + (1 + random.nextInt(6)) + " " + (1 + random.nextInt(9)) + "Q"
                + "ABDEFGHJLNPQRSTUWXYZ".charAt(random.nextInt(20));
        final String street = (1 + random.nextInt(200)) + " Spon End";
        String familyId;

        String asbRecordId() {
            return "INC-" + run + "-1|" + mother + "|" + surname + "|" + motherBorn;
        }

        void push() {
            String address = street + ",,Coventry," + postcode + "," + uprn + ",";
            ClaimsIT.this.push("police", Feeds.POLICE_HEADER
                    + "INC-" + run + "-1," + today.minusMonths(8) + "T21:15:00+00:00,ASB,SUSPECT," + mother + "," + surname
                    + "," + motherBorn + ",F," + address + ",PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n"
                    + "INC-" + run + "-2," + today.minusMonths(7) + "T23:40:00+00:00,DOMESTIC_ABUSE,VICTIM," + mother + "," + surname
                    + "," + motherBorn + ",F," + address + ",PC B Lee,Coventry South,024 7653 9001,b.lee@police.example\n");
            ClaimsIT.this.push("housing", HOUSING_HEADER
                    + "T-" + run + "," + uprn + "," + street + ",,Coventry," + postcode + "," + mother + "," + surname
                    + "," + motherBorn + ",TENANT,0,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n"
                    + "T-" + run + "," + uprn + "," + street + ",,Coventry," + postcode + "," + son + "," + surname
                    + "," + sonBorn + ",CHILD,0,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n");
            ClaimsIT.this.push("dwp", DWP_HEADER + "M-" + run + "," + nino + "," + mother + "," + surname + "," + motherBorn + ","
                    + postcode + ",UC,2024-03-11,NOT_WORKING\n");
            Api.Response r = api.get("data1", "/api/families/search?nino=" + nino, "X-Purpose", "identification");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("items")).as("one family holds %s", nino).hasSize(1);
            familyId = r.json().get("items").get(0).get("familyId").asText();
            assertThat(jdbc.queryForObject("select members from family where family_id = ?", Integer.class, familyId))
                    .as("mother and son, no one else").isEqualTo(2);
        }

        UUID claimId() {
            return Claim.id(familyId, "tf-2015", "sustained-progress");
        }

        /** Everything that identifies the DWP match or says what it held. */
        List<String> dwpDetails() {
            return List.of(nino, "M-" + run, "\"dwp\"", "isa-dwp", "wra-2012-s131", "NOT_WORKING", "benefit-matches");
        }
    }

    /** Eight random letters: no two families' surnames look alike to the linker. */
    private String surname() {
        StringBuilder s = new StringBuilder().append((char) ('A' + random.nextInt(26)));
        for (int i = 0; i < 7; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private void push(String partner, String body) {
        Api.Response r = api.post(partner + "-it", "/api/feeds/" + partner, body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode batch = api.get(partner + "-it", "/api/feeds/" + partner + "/batches/" + r.json().get("batchId").asText()).json();
        assertThat(batch.get("accepted").asInt()).as(batch.toString()).isPositive();
        assertThat(batch.get("quarantined").asInt() + batch.get("refused").asInt()).as(batch.toString()).isZero();
    }

    private List<Map<String, Object>> claims(Family f) {
        return jdbc.queryForList("select claim_id, outcome, period, status, evidence::text as evidence from claim where family_id = ?",
                f.familyId);
    }

    private List<LoggedRequest> requestsFor(UUID claimId) {
        return claimSystem.findAll(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(claimId.toString())));
    }

    private String outboxStatus(UUID claimId) {
        return jdbc.queryForObject("select status from outbound_message where notification_id = ?", String.class, claimId);
    }

    @Test
    void aFamilyIsAttachedWhenEligibleClaimableSixMonthsOfProgressLaterAndClaimedOnce() throws Exception {
        Family f = new Family();
        f.push();
        Map<String, Object> family = jdbc.queryForMap(
                "select eligible, attached_on, attached_framework, array_to_string(attached_criteria, ',') as criteria from family where family_id = ?",
                f.familyId);
        assertThat(family.get("eligible")).isEqualTo(true);
        assertThat(family.get("attached_on").toString()).isEqualTo(today.toString());
        assertThat(family.get("attached_framework")).isEqualTo("tf-2015");
        assertThat(((String) family.get("criteria")).split(","))
                .containsExactlyInAnyOrder("crime-asb", "domestic-abuse", "worklessness-financial-exclusion");

        job.run(today);
        assertThat(claims(f)).as("attached today: no progress can have been sustained yet").isEmpty();

        job.run(later);
        job.run(later);
        List<Map<String, Object>> made = claims(f);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).get("claim_id")).isEqualTo(f.claimId());
        assertThat(made.get(0).get("outcome")).isEqualTo("sustained-progress");
        assertThat(made.get(0).get("period")).isEqualTo(job.window().label(later));

        JsonNode evidence = new ObjectMapper().readTree((String) made.get(0).get("evidence"));
        assertThat(evidence).extracting(i -> i.get("criterion").asText())
                .containsExactly("crime-asb", "worklessness-financial-exclusion", "domestic-abuse");
        JsonNode crime = evidence.get(0);
        assertThat(crime.get("finding").asText()).isEqualTo("no record from " + today.plusMonths(1).plusDays(1) + " to " + later);
        assertThat(crime.get("records").get(0).get("sourceRecordId").asText()).isEqualTo(f.asbRecordId());
        assertThat(crime.get("records").get(0).get("observedAt").asText()).isEqualTo(today.minusMonths(8).toString());
        assertThat(crime.get("records").get(0).get("basis").toString()).contains("isa-police");
        JsonNode work = evidence.get(1);
        assertThat(work.get("result").asText()).isEqualTo("criterion met");
        assertThat(work.get("detailsWithheld").asBoolean()).isTrue();
        assertThat(work.get("records")).isEmpty();
        assertThat(work.has("finding")).isFalse();
        for (String detail : f.dwpDetails()) {
            assertThat((String) made.get(0).get("evidence")).doesNotContain(detail);
        }
        // the claim's use of the family's data is audited
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_event where type = 'EXPORTED' and decision = 'CREATED' and purpose = 'claim'
                   and details->>'claimId' = ?""", Integer.class, f.claimId().toString())).isEqualTo(1);
    }

    @Test
    void replicasRunningTheJobTogetherMakeOneClaim() throws Exception {
        Family f = new Family();
        f.push();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<ClaimJob.Run>> runs = List.of(() -> job.run(later), () -> job.run(later), () -> job.run(later));
            for (Future<ClaimJob.Run> r : pool.invokeAll(runs)) {
                r.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(claims(f)).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from outbound_message where notification_id = ?", Integer.class,
                f.claimId())).isEqualTo(1);
    }

    @Test
    void withoutAUrlClaimsWaitAndOnceSetEachIsPostedOnceWithItsIdAndNoDwpDetail() throws Exception {
        Family f = new Family();
        f.push();
        job.run(later);
        UUID id = f.claimId();
        assertThat(claims(f).get(0).get("status")).isEqualTo("QUEUED");
        Thread.sleep(1000); // a few sender runs with no endpoint: nothing goes, nothing is dropped
        assertThat(outboxStatus(id)).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select attempts from outbound_message where notification_id = ?", Integer.class, id)).isZero();
        JsonNode status = api.get("data1", "/api/outbound/status").json();
        JsonNode claimsStatus = null;
        for (JsonNode s : status) {
            if (s.get("system").asText().equals("claims")) {
                claimsStatus = s;
            }
        }
        assertThat(claimsStatus).isNotNull();
        assertThat(claimsStatus.get("configured").asBoolean()).isFalse();

        sender.pointAt(claimSystem.baseUrl() + PATH);
        await().atMost(WAIT).until(() -> "SENT".equals(outboxStatus(id)));
        assertThat(claims(f).get(0).get("status")).isEqualTo("SENT");
        Thread.sleep(1000); // the sender keeps running: nothing more for this claim
        List<LoggedRequest> got = requestsFor(id);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getHeader("Idempotency-Key")).isEqualTo(id.toString());
        assertThat(got.get(0).getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = new ObjectMapper().readTree(got.get(0).getBodyAsString());
        assertThat(body.get("claimId").asText()).isEqualTo(id.toString());
        assertThat(body.get("familyId").asText()).isEqualTo(f.familyId);
        assertThat(body.get("framework").asText()).isEqualTo("tf-2015");
        assertThat(body.get("outcome").asText()).isEqualTo("sustained-progress");
        assertThat(body.get("period").asText()).isEqualTo(job.window().label(later));
        assertThat(body.get("evidence")).hasSize(3);
        for (String detail : f.dwpDetails()) {
            assertThat(got.get(0).getBodyAsString()).doesNotContain(detail);
        }
        assertThat(jdbc.queryForList("""
                select decision from audit_event where type = 'PUSHED' and partner = 'claims' and details->>'notificationId' = ?
                 order by id""", String.class, id.toString())).containsExactly("SENT");
    }

    @Test
    void aServerErrorIsRetriedAndTheClaimSystemAcceptsTheClaimOnce() {
        Family f = new Family();
        f.push();
        UUID id = f.claimId();
        claimSystem.stubFor(post(urlEqualTo(PATH)).atPriority(1).withHeader("Idempotency-Key", equalTo(id.toString()))
                .inScenario("500-" + id).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("<html>Internal Server Error</html>"))
                .willSetStateTo("recovered"));
        sender.pointAt(claimSystem.baseUrl() + PATH);
        job.run(later);

        await().atMost(WAIT).until(() -> "SENT".equals(outboxStatus(id)));
        assertThat(requestsFor(id)).hasSize(2); // the 500, then the one the claim system accepted
        assertThat(claimSystem.getAllServeEvents().stream()
                .filter(e -> id.toString().equals(e.getRequest().getHeader("Idempotency-Key")))
                .map(e -> e.getResponse().getStatus())).containsExactlyInAnyOrder(500, 201);
        assertThat(jdbc.queryForObject("select attempts from outbound_message where notification_id = ?", Integer.class, id))
                .isEqualTo(2);
        assertThat(jdbc.queryForList("""
                select decision from audit_event where type = 'PUSHED' and partner = 'claims' and details->>'notificationId' = ?
                 order by id""", String.class, id.toString())).containsExactly("RETRY", "SENT");
        job.run(later.plusDays(1)); // a later run: no second claim, nothing more sent
        assertThat(claims(f)).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from outbound_message where notification_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void aRejectedClaimIsADeadLetterThatTheDataTeamCanReplay() {
        Family f = new Family();
        f.push();
        UUID id = f.claimId();
        claimSystem.stubFor(post(urlEqualTo(PATH)).atPriority(1).withHeader("Idempotency-Key", equalTo(id.toString()))
                .inScenario("400-" + id).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(422).withBody("{\"error\": \"unknown family\"}"))
                .willSetStateTo("fixed"));
        sender.pointAt(claimSystem.baseUrl() + PATH);
        job.run(later);
        await().atMost(WAIT).until(() -> "DEAD".equals(outboxStatus(id)));
        long row = jdbc.queryForObject("select id from outbound_message where notification_id = ?", Long.class, id);
        JsonNode letters = api.get("data1", "/api/outbound/dead-letters").json();
        JsonNode letter = null;
        for (JsonNode l : letters) {
            if (l.get("id").asLong() == row) {
                letter = l;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.get("system").asText()).isEqualTo("claims");
        assertThat(letter.get("lastError").asText()).startsWith("HTTP 422");

        assertThat(api.post("data1", "/api/outbound/dead-letters/" + row + "/replay", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> "SENT".equals(outboxStatus(id)));
        assertThat(requestsFor(id)).hasSize(2);
        assertThat(claims(f).get(0).get("status")).isEqualTo("SENT");
    }

    @Test
    void csvModeWritesOneFilePerWindowWithEveryClaimOfIt(@TempDir Path folder) throws Exception {
        dispatch.use(ClaimsDispatch.Mode.CSV, folder);
        Family first = new Family();
        first.push();
        Family second = new Family();
        second.push();
        job.run(later);
        job.run(later);
        String period = job.window().label(later);
        Path file = folder.resolve("claims-" + period + ".csv");
        assertThat(file).exists();
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("claim_id,family_id,framework,outcome,period,");
        for (Family f : List.of(first, second)) {
            // three evidence items, one record each where details may be shown, one row for the withheld DWP item
            assertThat(csv.lines().filter(l -> l.startsWith(f.claimId() + ",")).count()).isEqualTo(3);
            assertThat(csv).contains(f.asbRecordId());
            for (String detail : f.dwpDetails()) {
                assertThat(csv).doesNotContain(detail);
            }
            assertThat(claims(f)).hasSize(1);
            assertThat(claims(f).get(0).get("status")).isEqualTo("WRITTEN");
            assertThat(jdbc.queryForObject("select count(*) from outbound_message where notification_id = ?", Integer.class,
                    f.claimId())).as("a claim written to a file is not also posted").isZero();
        }
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temporary file left")
                    .containsExactly(file.getFileName().toString());
        }
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_event where type = 'EXPORTED' and decision = 'WRITTEN' and partner = 'claims'
                   and details->>'file' = ?""", Integer.class, file.getFileName().toString())).isPositive();
    }

    @Test
    void theDataTeamReadsTheClaimsOfAWindowForTheClaimPurposeAndTheReadIsAudited() {
        Family f = new Family();
        f.push();
        job.run(later);
        String period = job.window().label(later);

        Api.Response r = api.get("data1", "/api/claims?period=" + period);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode c : r.json()) {
            assertThat(c.get("period").asText()).isEqualTo(period);
            if (c.get("familyId").asText().equals(f.familyId)) {
                mine = c;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("claimId").asText()).isEqualTo(f.claimId().toString());
        assertThat(mine.get("framework").asText()).isEqualTo("tf-2015");
        assertThat(mine.get("outcome").asText()).isEqualTo("sustained-progress");
        assertThat(mine.get("evidence")).hasSize(3);
        for (String detail : f.dwpDetails()) {
            assertThat(mine.toString()).doesNotContain(detail);
        }
        assertThat(api.get("data1", "/api/claims?period=" + period, "X-Purpose", "claim").status()).isEqualTo(200);
        assertThat(api.get("data1", "/api/claims?period=" + period, "X-Purpose", "assessment").status()).isEqualTo(400);
        assertThat(api.get("kw1", "/api/claims?period=" + period).status()).isEqualTo(403);
        assertThat(api.get("ig1", "/api/claims?period=" + period).status()).isEqualTo(403);
        assertThat(api.get(null, "/api/claims?period=" + period).status()).isEqualTo(401);
        assertThat(api.get("data1", "/api/claims?period=1999-Q1").json()).isEmpty();
        assertThat(api.get("data1", "/api/claims?period=2026-Q5").status()).as("not a window").isEqualTo(400);
        assertThat(api.get("data1", "/api/claims?period=" + period.toLowerCase()).json()).as("letters in either case")
                .anySatisfy(c -> assertThat(c.get("familyId").asText()).isEqualTo(f.familyId));

        // one claim by its id, read and audited in the same way
        Api.Response one = api.get("data1", "/api/claims/" + f.claimId());
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().get("familyId").asText()).isEqualTo(f.familyId);
        assertThat(one.json().get("evidence")).hasSize(3);
        assertThat(api.get("data1", "/api/claims/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("data1", "/api/claims/not-a-claim").status()).isEqualTo(404);
        assertThat(api.get("data1", "/api/claims/" + f.claimId(), "X-Purpose", "assessment").status()).isEqualTo(400);
        assertThat(api.get("kw1", "/api/claims/" + f.claimId()).status()).isEqualTo(403);
        assertThat(jdbc.queryForList("""
                select purpose from audit_event where type = 'READ' and actor = 'data1'
                   and details->>'call' = 'GET /api/claims/{claimId}' and details->>'claimId' = ?""", String.class,
                f.claimId().toString())).containsExactly("claim");

        List<String> purposes = jdbc.queryForList("""
                select purpose from audit_event where type = 'READ' and actor = 'data1' and details->>'call' = 'GET /api/claims'
                   and details->>'period' = ? and details->'families' @> jsonb_build_array(?::text)""", String.class, period, f.familyId);
        assertThat(purposes).isNotEmpty().allMatch("claim"::equals);
    }

    @Test
    void theDataTeamClosesACaseAndANewAllocationOpensItAgain() {
        Family f = new Family();
        f.push();
        String close = "{\"closedOn\": \"" + today.minusDays(3) + "\"}";
        assertThat(api.post("data1", "/api/families/" + f.familyId + "/closure", close).status())
                .as("nothing allocated, nothing to close").isEqualTo(409);
        assertThat(api.post("data1", "/api/families/" + f.familyId + "/allocation", "{\"keyWorker\": \"kw1\"}").status()).isEqualTo(200);
        assertThat(api.post("kw1", "/api/families/" + f.familyId + "/closure", close).status()).isEqualTo(403);
        assertThat(api.post("data1", "/api/families/" + f.familyId + "/closure", "{\"closedOn\": \"" + today.plusDays(1) + "\"}")
                .status()).isEqualTo(400);
        Api.Response closed = api.post("data1", "/api/families/" + f.familyId + "/closure", close);
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select closed_on from family_allocation where family_id = ?", LocalDate.class, f.familyId))
                .isEqualTo(today.minusDays(3));
        api.post("data1", "/api/families/" + f.familyId + "/allocation", "{\"keyWorker\": \"kw2\"}");
        assertThat(jdbc.queryForObject("select closed_on from family_allocation where family_id = ?", LocalDate.class, f.familyId))
                .isNull();
    }
}
