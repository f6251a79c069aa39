package org.familyhub.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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

    /**
     * A Lease per namespace ({@code <lease-name>-<namespace>}) in the pod's namespace, through camel-kubernetes. Its
     * Spring Boot starter has no auto-configuration for the cluster service in Camel 4.17, so it is made here from
     * {@code familyhub.cluster.kubernetes.*}, which the Helm chart sets (pod name and namespace from the Downward API).
     */
    @Bean
    @ConditionalOnProperty(name = "familyhub.cluster.kind", havingValue = "kubernetes")
    KubernetesClusterService kubernetesClusterService(Environment env) {
        String prefix = "familyhub.cluster.kubernetes.";
        KubernetesClusterService service = new KubernetesClusterService();
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(env.getProperty(prefix + "lease-name", "familyhub"));
        String namespace = env.getProperty(prefix + "namespace");
        if (namespace != null && !namespace.isBlank()) {
            service.setKubernetesNamespace(namespace);
            service.setKubernetesResourcesNamespace(namespace);
        }
        String pod = env.getProperty(prefix + "pod-name", System.getenv().getOrDefault("HOSTNAME", ""));
        if (!pod.isBlank()) {
            service.setPodName(pod);
        }
        service.setClusterLabels(labels(env.getProperty(prefix + "cluster-labels", "app.kubernetes.io/name=familyhub")));
        service.setLeaseDurationMillis(duration(env, prefix + "lease-duration", "15s").toMillis());
        service.setRenewDeadlineMillis(duration(env, prefix + "renew-deadline", "10s").toMillis());
        service.setRetryPeriodMillis(duration(env, prefix + "retry-period", "2s").toMillis());
        return service;
    }

    /** "15s", "500ms" or ISO-8601, as Spring Boot reads durations, whatever conversion service the environment has. */
    private static Duration duration(Environment env, String key, String fallback) {
        return DurationStyle.detectAndParse(env.getProperty(key, fallback));
    }

    /** {@code a=b,c=d} as a map: the labels that select this release's pods. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return labels;
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
