package org.familyhub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The cluster services other than PostgreSQL's (which {@code PgClusterServiceIT} runs on a real database). */
class ClusterConfigurationTest {

    @Test
    void kubernetesKindElectsWithALeasePerNamespaceInThePodsNamespace() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("familyhub.cluster.kubernetes.lease-name", "hub")
                .withProperty("familyhub.cluster.kubernetes.namespace", "council")
                .withProperty("familyhub.cluster.kubernetes.pod-name", "familyhub-7d9-abcde")
                .withProperty("familyhub.cluster.kubernetes.cluster-labels",
                        "app.kubernetes.io/name=familyhub,app.kubernetes.io/instance=prod")
                .withProperty("familyhub.cluster.kubernetes.lease-duration", "20s");
        KubernetesClusterService service = new ClusterConfiguration().kubernetesClusterService(env);
        assertThat(service.getLeaseResourceType()).isEqualTo(LeaseResourceType.Lease);
        assertThat(service.getKubernetesResourceName()).isEqualTo("hub");
        assertThat(service.getKubernetesNamespace()).isEqualTo("council");
        assertThat(service.getPodName()).isEqualTo("familyhub-7d9-abcde");
        assertThat(service.getClusterLabels())
                .containsOnly(Map.entry("app.kubernetes.io/name", "familyhub"), Map.entry("app.kubernetes.io/instance", "prod"));
        assertThat(service.getLeaseDurationMillis()).isEqualTo(20_000);
    }

    @Test
    void labelsAreCommaSeparatedPairs() {
        assertThat(ClusterConfiguration.labels("a=b, c = d,broken,")).containsExactly(Map.entry("a", "b"), Map.entry("c", "d"));
    }

    @Test
    void noneKindLeadsEveryNamespaceAtOnce() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        LocalClusterService service = new LocalClusterService();
        service.setCamelContext(context);
        service.start();
        try {
            service.getView("police-file-drop");
            assertThat(service.isLeader("police-file-drop")).isTrue();
            assertThat(service.getView("police-file-drop").getLocalMember().isLeader()).isTrue();
        } finally {
            service.stop();
            context.stop();
        }
        assertThat(service.isLeader("police-file-drop")).isFalse();
    }
}
