package org.familyhub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.familyhub.ingest.AbandonedBatches;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The PostgreSQL cluster service: two services (two "replicas") on the one database elect exactly one leader per
 * namespace, and the other takes over when the leader's connection is cut or the leader stops. The hub's own Camel
 * context uses it for its file drops.
 */
@HubIntegrationTest
class PgClusterServiceIT {

    static final Duration RETRY = Duration.ofMillis(200);

    @Autowired
    HikariDataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext hubContext;
    @Autowired
    AbandonedBatches abandoned;

    final List<PgClusterService> services = new CopyOnWriteArrayList<>();
    final List<CamelContext> contexts = new CopyOnWriteArrayList<>();
    String run;

    @BeforeEach
    void run() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopAll() {
        services.forEach(s -> s.stop());
        contexts.forEach(CamelContext::stop);
    }

    /** Per replica: true while its network to the database is down (new connections refused). */
    final Map<String, AtomicBoolean> networkDown = new ConcurrentHashMap<>();

    PgClusterService replica(String name) {
        CamelContext ctx = new DefaultCamelContext();
        ctx.start();
        contexts.add(ctx);
        ClusterConnections real = ClusterConnections.jdbc(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
        AtomicBoolean down = networkDown.computeIfAbsent(name + "-" + run, k -> new AtomicBoolean());
        PgClusterService s = new PgClusterService(applicationName -> {
            if (down.get()) {
                throw new java.sql.SQLException("network down (test)");
            }
            return real.open(applicationName);
        }, name + "-" + run, RETRY);
        s.setCamelContext(ctx);
        s.start();
        services.add(s);
        return s;
    }

    /** Records each leadership change a view announces: the leader's id, or "none". */
    static final class Changes implements CamelClusterEventListener.Leadership {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void leadershipChanged(CamelClusterView view, org.apache.camel.cluster.CamelClusterMember leader) {
            seen.add(leader == null ? "none" : leader.getId());
        }
    }

    @Test
    void twoReplicasElectOneLeaderPerNamespaceAndTheOtherTakesOverWhenTheLeadersConnectionIsCut() throws Exception {
        PgClusterService a = replica("a");
        PgClusterService b = replica("b");
        List<String> namespaces = List.of("police-" + run, "school-" + run, "health-" + run);
        Map<String, Changes> changesOfB = new ConcurrentHashMap<>();
        for (String ns : namespaces) {
            a.getView(ns);
            CamelClusterView viewB = b.getView(ns);
            Changes c = new Changes();
            viewB.addEventListener(c);
            changesOfB.put(ns, c);
        }
        for (String ns : namespaces) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader(ns) ^ b.isLeader(ns));
        }
        // Held for a while, never by both: the lock is exclusive and the loser keeps trying.
        for (int i = 0; i < 10; i++) {
            for (String ns : namespaces) {
                assertThat(a.isLeader(ns) && b.isLeader(ns)).as("two leaders of " + ns).isFalse();
                assertThat(a.isLeader(ns) || b.isLeader(ns)).as("no leader of " + ns).isTrue();
            }
            Thread.sleep(RETRY.toMillis());
        }
        String ns = namespaces.get(0);
        PgClusterService leader = a.isLeader(ns) ? a : b;
        PgClusterService other = leader == a ? b : a;
        // The follower knows who leads (from the lock holder's session).
        CamelClusterView otherView = other.getView(ns);
        await().atMost(Duration.ofSeconds(5)).until(() -> otherView.getLeader()
                .map(m -> m.getId().equals(leader.memberId()) && !m.isLocal()).orElse(false));
        other.releaseView(otherView);

        // Cut every session of the leader and keep its network down, as a broken link would.
        networkDown.get(leader.memberId()).set(true);
        int cut = jdbc.queryForObject("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?",
                Integer.class, PgClusterView.APPLICATION_PREFIX + leader.memberId());
        assertThat(cut).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> other.isLeader(ns));
        await().atMost(Duration.ofSeconds(10)).until(() -> !leader.isLeader(ns));
        for (String n : namespaces) {
            await().atMost(Duration.ofSeconds(10)).until(() -> other.isLeader(n) && !leader.isLeader(n));
        }
        // Back on the network, the former leader tries again, but the locks are taken: it stays a follower.
        networkDown.get(leader.memberId()).set(false);
        Thread.sleep(RETRY.toMillis() * 5);
        for (String n : namespaces) {
            assertThat(leader.isLeader(n)).isFalse();
            assertThat(other.isLeader(n)).isTrue();
        }
        if (other == b) {
            assertThat(changesOfB.get(ns).seen).last().isEqualTo(b.memberId());
        }
    }

    @Test
    void aStoppedLeaderHandsOverAtOnce() throws Exception {
        PgClusterService a = replica("a");
        String ns = "claims-" + run;
        a.getView(ns);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader(ns));
        PgClusterService b = replica("b");
        Changes changes = new Changes();
        b.getView(ns).addEventListener(changes);
        assertThat(b.isLeader(ns)).isFalse();
        a.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.isLeader(ns));
        assertThat(changes.seen).contains(b.memberId());
    }

    @Test
    void theHubsCamelContextUsesThePostgresServiceForItsFileDrops() {
        CamelClusterService service = ClusterServiceHelper.lookupService(hubContext).orElseThrow();
        assertThat(service).isInstanceOf(PgClusterService.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> service.isLeader("police-file-drop"));
        assertThat(service.getNamespaces()).contains("police-file-drop", "school-file-drop", "probation-rest-pull",
                "health-fhir-pull");
    }

    @Test
    void aBatchLeftProcessingByADeadReplicaIsMarkedAbandonedButOneOfALiveReplicaIsNot() throws Exception {
        String dead = "dead-" + run;
        UUID deadBatch = UUID.randomUUID();
        UUID liveBatch = UUID.randomUUID();
        insertProcessing(deadBatch, dead);
        ReplicaLiveness live = new ReplicaLiveness(
                ClusterConnections.jdbc(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword()),
                new ReplicaIdentity("live-" + run));
        live.hold();
        try {
            insertProcessing(liveBatch, "live-" + run);
            assertThat(abandoned.settle()).isGreaterThanOrEqualTo(1);
            assertThat(status(deadBatch)).isEqualTo("FAILED");
            assertThat(jdbc.queryForObject("select error from batch where batch_id = ?", String.class, deadBatch))
                    .startsWith("abandoned: replica " + dead);
            assertThat(jdbc.queryForObject("select count(*) from audit_event where type = 'RECEIVED' and decision = 'FAILED'"
                    + " and batch_id = ?", Integer.class, deadBatch)).as("the settling is audited").isEqualTo(1);
            assertThat(status(liveBatch)).isEqualTo("PROCESSING");
        } finally {
            live.close();
        }
        // Its process is gone now (PostgreSQL ends the session a moment after the close): a check settles it too.
        await().atMost(Duration.ofSeconds(5)).until(() -> abandoned.settle() >= 0 && status(liveBatch).equals("FAILED"));
    }

    void insertProcessing(UUID batchId, String replica) {
        jdbc.update("""
                insert into batch (batch_id, partner, format, source, source_name, content_sha256, status, replica_id)
                values (?, 'police', 'police-csv', 'PUSH', 'cluster test', 'x', 'PROCESSING', ?)""", batchId, replica);
    }

    String status(UUID batchId) {
        return jdbc.queryForObject("select status from batch where batch_id = ?", String.class, batchId);
    }
}
