package org.familyhub.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Replicas on one PostgreSQL (DESIGN §11). {@code familyhub.cluster.kind} picks Camel's cluster service, which the
 * {@code master:} routes (file drops, scheduled pulls) elect their single poller with:
 * {@code postgres} (default) advisory locks in the hub's own database; {@code kubernetes} a Lease, by
 * camel-kubernetes' {@code KubernetesClusterService} (enable it with {@code camel.cluster.kubernetes.enabled=true});
 * {@code none} a single process that always leads.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    @Bean
    ReplicaIdentity replicaIdentity(@Value("${familyhub.replica-id:}") String configured) {
        return ReplicaIdentity.of(configured);
    }

    @Bean
    ClusterConnections clusterConnections(DataSource dataSource) throws java.sql.SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        return ClusterConnections.jdbc(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
    }

    @Bean(destroyMethod = "close")
    ReplicaLiveness replicaLiveness(ClusterConnections connections, ReplicaIdentity self) {
        ReplicaLiveness liveness = new ReplicaLiveness(connections, self);
        liveness.hold();
        return liveness;
    }

    @Bean
    LivenessKeeper replicaLivenessKeeper(ReplicaLiveness liveness) {
        return new LivenessKeeper(liveness);
    }

    @Bean
    @ConditionalOnProperty(name = "familyhub.cluster.kind", havingValue = "postgres", matchIfMissing = true)
    PgClusterService postgresClusterService(ClusterConnections connections, ReplicaIdentity self,
                                            @Value("${familyhub.cluster.retry-period:2s}") Duration retryPeriod) {
        return new PgClusterService(connections, self.id(), retryPeriod);
    }

    @Bean
    @ConditionalOnProperty(name = "familyhub.cluster.kind", havingValue = "none")
    LocalClusterService localClusterService() {
        return new LocalClusterService();
    }

    /** Re-takes the liveness lock if its connection broke (database restart, network fault). */
    static final class LivenessKeeper {
        private final ReplicaLiveness liveness;

        LivenessKeeper(ReplicaLiveness liveness) {
            this.liveness = liveness;
        }

        @Scheduled(fixedDelayString = "${familyhub.cluster.retry-period:2s}")
        void keep() {
            liveness.hold();
        }
    }
}
