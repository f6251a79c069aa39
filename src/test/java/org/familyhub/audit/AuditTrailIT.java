package org.familyhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.familyhub.record.Address;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Subject;
import org.familyhub.support.Api;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail on the real embedded PostgreSQL. The database is shared by every IT of the JVM, so each tamper is
 * undone exactly (in a finally) and the chain verified valid again; assertions about events use this run's keys.
 */
@HubIntegrationTest
class AuditTrailIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    SubjectHasher hasher;
    Api api;
    String run;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    List<AuditEvent> events(int n, List<String> subjectHashes) {
        UUID batch = UUID.randomUUID();
        List<AuditEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(AuditEvent.decided(i % 2 == 0 ? AuditEventType.PERMITTED : AuditEventType.REFUSED, "police", batch,
                    "INC-" + run + "-" + i, subjectHashes, i % 2 == 0 ? "PERMIT" : "REFUSE", "isa-police",
                    "reason " + i));
        }
        return events;
    }

    List<Long> ids() {
        return jdbc.queryForList("select id from audit_event where record_key like ? order by id", Long.class,
                "police|INC-" + run + "-%");
    }

    @Test
    void appendedEventsFormAValidChainInTheirOrder() {
        trail.append(events(50, List.of("h1", "h2")));
        trail.append(AuditEvent.builder(AuditEventType.BREAK_GLASS).actor("kw1").role("key-worker").purpose("assessment")
                .recordKey("police|INC-" + run + "-bg").flagged(true).details(Map.of("justification", "child at risk",
                        "weight", 1.0E10, "nested", Map.of("b", 2.50, "a", List.of(1, "x")))).build());

        List<Long> ids = ids();
        assertThat(ids).hasSize(51);
        assertThat(jdbc.queryForList("select record_key from audit_event where id = any(?) order by id", String.class,
                (Object) ids.toArray(Long[]::new)).subList(0, 3))
                .containsExactly("police|INC-" + run + "-0", "police|INC-" + run + "-1", "police|INC-" + run + "-2");
        Verification v = verifier.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.firstBrokenEvent()).isNull();
        assertThat(v.events()).isGreaterThanOrEqualTo(51);
    }

    @Test
    void eventsCommitAndRollBackWithTheCallersTransaction() {
        tx.executeWithoutResult(status -> {
            trail.append(events(3, List.of()));
            assertThat(ids()).hasSize(3); // same connection: visible inside
            status.setRollbackOnly();
        });
        assertThat(ids()).isEmpty();
        trail.append(events(2, List.of()));
        assertThat(ids()).hasSize(2);
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void concurrentWritersKeepOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        trail.append(events(100, List.of()));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(ids()).hasSize(4000);
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void anEditedEventIsNamedAndRestoringItMakesTheChainValidAgain() {
        trail.append(events(5, List.of()));
        long k = ids().get(2);
        String old = jdbc.queryForObject("select reason from audit_event where id = ?", String.class, k);
        try {
            asOwner("update audit_event set reason = 'x' where id = " + k);
            Verification v = verifier.verify();
            assertThat(v.valid()).isFalse();
            assertThat(v.firstBrokenEvent()).isEqualTo(k);
            JsonNode body = api.get("auditor1", "/api/audit/verify").json();
            assertThat(body.get("valid").asBoolean()).isFalse();
            assertThat(body.get("firstBrokenEvent").asLong()).isEqualTo(k);
        } finally {
            asOwner("update audit_event set reason = '" + old + "' where id = " + k);
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void aDeletedEventShowsOnItsSuccessor() {
        trail.append(events(5, List.of()));
        List<Long> ids = ids();
        long k = ids.get(2);
        jdbc.execute("create table audit_event_saved_" + run + " as select * from audit_event where id = " + k);
        try {
            asOwner("delete from audit_event where id = " + k);
            Verification v = verifier.verify();
            assertThat(v.valid()).isFalse();
            assertThat(v.firstBrokenEvent()).isEqualTo(ids.get(3));
        } finally {
            jdbc.execute("insert into audit_event overriding system value select * from audit_event_saved_" + run);
            jdbc.execute("drop table audit_event_saved_" + run);
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void postgresqlRefusesUpdateDeleteAndTruncate() {
        trail.append(events(1, List.of()));
        long k = ids().get(0);
        assertThatThrownBy(() -> jdbc.update("update audit_event set reason = 'x' where id = ?", k))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_event where id = ?", k))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_event"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("audit_event is append-only");
        assertThat(ids()).containsExactly(k);
    }

    @Test
    void onlyIgOfficersAndAuditorsReadTheAudit() {
        for (String user : List.of("ig1", "auditor1")) {
            assertThat(api.get(user, "/api/audit?limit=5").status()).isEqualTo(200);
            Api.Response verify = api.get(user, "/api/audit/verify");
            assertThat(verify.status()).isEqualTo(200);
            JsonNode body = verify.json();
            assertThat(body.properties()).extracting(Map.Entry::getKey)
                    .containsExactly("valid", "events", "firstBrokenEvent");
            assertThat(body.get("valid").asBoolean()).isTrue();
            assertThat(body.get("firstBrokenEvent").isNull()).isTrue();
        }
        for (String user : List.of("kw1", "police-it", "data1")) {
            assertThat(api.get(user, "/api/audit").status()).isEqualTo(403);
            assertThat(api.get(user, "/api/audit/verify").status()).isEqualTo(403);
        }
        assertThat(api.get(null, "/api/audit").status()).isEqualTo(401);
        assertThat(api.get(null, "/api/audit/verify").status()).isEqualTo(401);
        assertThat(api.get("ig1", "/api/audit?type=NOPE").status()).isEqualTo(400);
        assertThat(api.get("ig1", "/api/audit?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aPersonIsFoundByAnyFormOfTheirIdentifierAndOthersAreNot() {
        String nhs = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String other = String.valueOf(Long.parseLong(nhs) + 1);
        trail.append(AuditEvent.ofRecord(AuditEventType.RECEIVED, "health", UUID.randomUUID(), "P-" + run + "-a",
                hasher.hashes(person(nhs))));
        trail.append(AuditEvent.ofRecord(AuditEventType.RECEIVED, "health", UUID.randomUUID(), "P-" + run + "-b",
                hasher.hashes(person(other))));
        String spaced = nhs.substring(0, 3) + "%20" + nhs.substring(3, 6) + "%20" + nhs.substring(6);
        String today = LocalDate.now().toString();
        for (String query : List.of("person=" + nhs, "person=nhs:" + spaced, "person=" + nhs + "&partner=health&type=received",
                "person=" + nhs + "&from=" + LocalDate.now().minusDays(1) + "&to=" + today)) {
            JsonNode found = api.get("ig1", "/api/audit?" + query).json();
            // Earlier searches for this person are events about them too (READ, by ig1): subject access needs them.
            List<String> recordKeys = new ArrayList<>();
            for (JsonNode e : found) {
                if (e.get("type").asText().equals("READ")) {
                    assertThat(e.get("actor").asText()).isEqualTo("ig1");
                } else {
                    recordKeys.add(e.get("recordKey").asText());
                }
            }
            assertThat(recordKeys).as(query).containsExactly("health|P-" + run + "-a");
            assertThat(found.get(0).has("subjectHashes")).isFalse();
            assertThat(found.get(0).get("id").asLong()).isPositive();
            assertThat(found.get(0).get("occurredAt").asText()).startsWith(today.substring(0, 4));
        }
        assertThat(api.get("ig1", "/api/audit?person=" + nhs + "&partner=police").json()).isEmpty();
        assertThat(api.get("ig1", "/api/audit?person=" + other + "&type=RECEIVED").json().findValuesAsText("recordKey"))
                .containsExactly("health|P-" + run + "-b");
        assertThat(api.get("ig1", "/api/audit?person=" + nhs + "&to=2000-01-01").json()).isEmpty();
    }

    @Test
    void readingTheAuditIsAuditedWithoutTheIdentifierInClear() {
        String nhs = "94347" + run.hashCode();
        api.get("auditor1", "/api/audit?person=" + nhs + "&limit=1");
        Map<String, Object> read = jdbc.queryForMap("""
                select actor, role, purpose, details::text as details, subject_hashes::text as hashes from audit_event
                 where type = 'READ' and subject_hashes && ?::text[] order by id desc limit 1""",
                AuditTrail.pgArray(List.of(hasher.hash("nhs", nhs))));
        assertThat(read).containsEntry("actor", "auditor1").containsEntry("role", "auditor").containsEntry("purpose", "audit");
        assertThat(read.get("details") + " " + read.get("hashes")).doesNotContain(nhs);
    }

    /** Figures, not assertions: 100,000 events in batches of 5,000, as ingest would append them. */
    @Test
    void benchmarkAppendAndVerify() {
        List<String> hashes = hasher.hashes(person("9434765919"));
        List<List<AuditEvent>> batches = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            batches.add(events(5_000, hashes));
        }
        long t0 = System.nanoTime();
        batches.forEach(trail::append);
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Verification v = verifier.verify();
        double verifySeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("audit append: 100,000 events in %.2f s = %,.0f events/s; verify: %,d events in %.2f s = %,.0f events/s%n",
                appendSeconds, 100_000 / appendSeconds, v.events(), verifySeconds, v.events() / verifySeconds);
        assertThat(v.valid()).isTrue();
    }

    static Subject person(String nhs) {
        return new Subject("Ava", "Jones", LocalDate.of(2012, 3, 4), "F", Address.EMPTY,
                new Identifiers(nhs, null, null, null, null, null));
    }

    /** A tamper as the table owner would do it: the trigger off, the change, the trigger on again. */
    void asOwner(String sql) {
        jdbc.execute("alter table audit_event disable trigger audit_event_append_only");
        try {
            jdbc.execute(sql);
        } finally {
            jdbc.execute("alter table audit_event enable trigger audit_event_append_only");
        }
    }
}
