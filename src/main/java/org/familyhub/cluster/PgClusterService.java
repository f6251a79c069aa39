package org.familyhub.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.cluster.AbstractCamelClusterService;

/**
 * Camel's cluster service on PostgreSQL, for replicas that share one database and nothing else (DESIGN §11). Camel 4.17
 * ships cluster services for Kubernetes, ZooKeeper, Consul, Infinispan, JGroups and a shared file, none for a database,
 * hence this one. Each namespace (one per partner and route) is a session-level {@code pg_try_advisory_lock} held on a
 * connection of its own, opened outside the pool: the replica that holds it leads that namespace, the others try again
 * every {@code retryPeriod}. When the leader dies its connection closes and PostgreSQL frees the lock at once; when the
 * leader's connection breaks, it gives up leadership at its next check, before another replica could have the lock
 * for long (a broken link is noticed by PostgreSQL only after TCP keepalives, by us at the next check).
 */
public class PgClusterService extends AbstractCamelClusterService<PgClusterView> {

    private final ClusterConnections connections;
    private final String memberId;
    private final Duration retryPeriod;
    private ScheduledExecutorService scheduler;

    public PgClusterService(ClusterConnections connections, String memberId, Duration retryPeriod) {
        super("familyhub-postgres");
        this.connections = connections;
        this.memberId = memberId;
        this.retryPeriod = retryPeriod;
    }

    public String memberId() {
        return memberId;
    }

    Duration retryPeriod() {
        return retryPeriod;
    }

    ClusterConnections connections() {
        return connections;
    }

    synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null || scheduler.isShutdown()) {
            scheduler = Executors.newScheduledThreadPool(1, r -> {
                Thread t = new Thread(r, "familyhub-cluster-" + memberId);
                t.setDaemon(true);
                return t;
            });
        }
        return scheduler;
    }

    @Override
    protected PgClusterView createView(String namespace) {
        return new PgClusterView(this, namespace);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop(); // stops the views: each releases its lock by closing its connection
        synchronized (this) {
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
                scheduler = null;
            }
        }
    }
}
