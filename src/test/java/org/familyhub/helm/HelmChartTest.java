package org.familyhub.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lints and renders helm/familyhub with the Helm bundled by helm-java (no helm binary needed). */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/familyhub");
    private static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");
    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void lintsWithDefaultValues() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("lint: %s", lint.getMessages()).isFalse();
    }

    @Test
    void lintsWithProductionValues(@TempDir Path tmp) throws IOException {
        // helm-java's lint takes no values file: lint a copy whose values.yaml is default ⊕ production
        Path copy = copyChart(tmp.resolve("familyhub"));
        JsonNode merged = merge(YAML.readTree(CHART.resolve("values.yaml").toFile()),
                YAML.readTree(PRODUCTION_VALUES.toFile()));
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        LintResult lint = new Helm(copy).lint().strict().call();
        assertThat(lint.isFailed()).as("lint: %s", lint.getMessages()).isFalse();
    }

    @Test
    void defaultValuesRenderAHardenedDeploymentWithProbesSecretsAndHomeFolders() throws IOException {
        List<JsonNode> docs = render(new Helm(CHART).template().withName("familyhub").call());
        JsonNode deployment = single(docs, "Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(container.at("/image").asText()).isEqualTo("familyhub/familyhub:0.1.0");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        JsonNode sc = container.at("/securityContext");
        assertThat(sc.at("/runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.at("/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.at("/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(sc.at("/capabilities/drop/0").asText()).isEqualTo("ALL");

        Map<String, JsonNode> env = stream(container.at("/env"))
                .collect(Collectors.toMap(e -> e.get("name").asText(), e -> e));
        assertThat(env.get("SPRING_PROFILES_ACTIVE").at("/value").asText()).isEqualTo("production");
        assertThat(env.get("FAMILYHUB_HOME").at("/value").asText()).isEqualTo("/opt/familyhub/home");
        assertThat(env.get("FAMILYHUB_WORK_DIR").at("/value").asText()).isEqualTo("/var/lib/familyhub");
        for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                "SPRING_DATASOURCE_PASSWORD", "FAMILYHUB_AUDIT_HASH_KEY")) {
            assertThat(env.get(name).at("/valueFrom/secretKeyRef/name").asText()).as(name).isEqualTo("familyhub");
            assertThat(env.get(name).has("value")).as(name + " has no literal value").isFalse();
        }
        assertThat(env.get("SPRING_DATASOURCE_URL").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("datasource-url");

        // Writable emptyDirs only for /tmp and the work folder; home folders from ConfigMaps, read-only
        Map<String, String> mounts = stream(container.at("/volumeMounts"))
                .collect(Collectors.toMap(m -> m.get("name").asText(), m -> m.get("mountPath").asText()));
        Map<String, JsonNode> volumes = stream(pod.at("/volumes"))
                .collect(Collectors.toMap(v -> v.get("name").asText(), v -> v));
        assertThat(mounts).containsEntry("tmp", "/tmp").containsEntry("work", "/var/lib/familyhub");
        assertThat(volumes.get("tmp").has("emptyDir")).isTrue();
        assertThat(volumes.get("work").has("emptyDir")).isTrue();
        Map<String, JsonNode> configMaps = byName(docs, "ConfigMap");
        for (String folder : List.of("routes", "connectors", "consent")) {
            assertThat(mounts).containsEntry("home-" + folder, "/opt/familyhub/home/" + folder);
            JsonNode volume = volumes.get("home-" + folder);
            String cmName = volume.at("/configMap/name").asText();
            assertThat(configMaps).as("ConfigMap %s", cmName).containsKey(cmName);
            // every item key exists in the ConfigMap
            JsonNode data = configMaps.get(cmName).get("data");
            stream(volume.at("/configMap/items"))
                    .forEach(i -> assertThat(data.has(i.get("key").asText())).as(i.toString()).isTrue());
        }
        JsonNode connectorItems = volumes.get("home-connectors").at("/configMap/items");
        assertThat(stream(connectorItems).map(i -> i.get("path").asText()))
                .contains("partners/police/connector.camel.yaml")
                .noneMatch(p -> p.contains("/samples/"));
        assertThat(stream(volumes.get("home-routes").at("/configMap/items")).map(i -> i.get("path").asText()))
                .contains("_config/error-handling.camel.yaml", "flows/ingest.camel.yaml");
        assertThat(stream(volumes.get("home-consent").at("/configMap/items")).map(i -> i.get("path").asText()))
                .contains("gateways.yaml", "agreements/isa-police.yaml");
        // the bundled files are the repository's own
        JsonNode routes = configMaps.get(volumes.get("home-routes").at("/configMap/name").asText()).get("data");
        assertThat(routes.get("flows__ingest.camel.yaml").asText())
                .isEqualTo(Files.readString(Path.of("routes/flows/ingest.camel.yaml")));

        assertThat(kinds(docs)).contains("Service", "ServiceAccount", "PodDisruptionBudget")
                .doesNotContain("Ingress", "ServiceMonitor", "NetworkPolicy", "Secret");
    }

    @Test
    void productionValuesRenderThreeReplicasIngressServiceMonitorAndNetworkPolicy() throws IOException {
        List<JsonNode> docs = render(new Helm(CHART).template().withName("familyhub")
                .withValuesFile(PRODUCTION_VALUES).call());
        JsonNode deployment = single(docs, "Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(stream(container.at("/env"))
                .filter(e -> e.get("name").asText().equals("SPRING_DATASOURCE_URL"))
                .map(e -> e.at("/valueFrom/secretKeyRef/name").asText()))
                .containsExactly("familyhub-production");
        assertThat(stream(container.at("/env")).map(e -> e.get("name").asText()))
                .contains("FAMILYHUB_CONNECTORS_HEALTH_BASE_URL", "FAMILYHUB_CONNECTORS_HEALTH_PERIOD");
        assertThat(stream(container.at("/env"))
                .filter(e -> e.get("name").asText().equals("FAMILYHUB_OUTBOUND_EARLYHELP_URL"))
                .map(e -> e.get("value").asText()))
                .containsExactly("https://earlyhelp.council.example.gov.uk/ws/notify");
        assertThat(stream(container.at("/env"))
                .filter(e -> e.get("name").asText().startsWith("FAMILYHUB_OUTBOUND_CLAIMS_"))
                .map(e -> e.get("name").asText() + "=" + e.get("value").asText()))
                .containsExactly("FAMILYHUB_OUTBOUND_CLAIMS_URL=https://claims.council.example.gov.uk/api/claims",
                        "FAMILYHUB_OUTBOUND_CLAIMS_MODE=http");

        assertThat(single(docs, "Ingress").at("/spec/rules/0/host").asText()).isEqualTo("familyhub.example.gov.uk");
        JsonNode serviceMonitor = single(docs, "ServiceMonitor");
        assertThat(serviceMonitor.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(serviceMonitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(single(docs, "NetworkPolicy").at("/spec/policyTypes/0").asText()).isEqualTo("Ingress");
        assertThat(single(docs, "PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(2);

        // Replicas: a Lease per partner and route (RBAC for it), the inboxes on the shared claim.
        JsonNode pod = deployment.at("/spec/template/spec");
        Map<String, JsonNode> env = stream(container.at("/env")).collect(Collectors.toMap(e -> e.get("name").asText(), e -> e));
        assertThat(env.get("FAMILYHUB_CLUSTER_KIND").get("value").asText()).isEqualTo("kubernetes");
        assertThat(env.get("FAMILYHUB_CLUSTER_KUBERNETES_POD_NAME").at("/valueFrom/fieldRef/fieldPath").asText())
                .isEqualTo("metadata.name");
        assertThat(env.get("FAMILYHUB_CLUSTER_KUBERNETES_NAMESPACE").at("/valueFrom/fieldRef/fieldPath").asText())
                .isEqualTo("metadata.namespace");
        assertThat(env.get("FAMILYHUB_CLUSTER_KUBERNETES_CLUSTER_LABELS").get("value").asText())
                .isEqualTo("app.kubernetes.io/name=familyhub,app.kubernetes.io/instance=familyhub");
        assertThat(pod.at("/automountServiceAccountToken").asBoolean()).as("the Lease calls need the token").isTrue();
        JsonNode role = single(docs, "Role");
        JsonNode leases = stream(role.at("/rules")).filter(r -> r.at("/apiGroups/0").asText().equals("coordination.k8s.io"))
                .findFirst().orElseThrow();
        assertThat(leases.at("/resources/0").asText()).isEqualTo("leases");
        assertThat(stream(leases.at("/verbs")).map(JsonNode::asText)).contains("get", "create", "update");
        JsonNode binding = single(docs, "RoleBinding");
        assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
        assertThat(binding.at("/subjects/0/name").asText())
                .isEqualTo(pod.at("/serviceAccountName").asText()).isEqualTo(single(docs, "ServiceAccount").at("/metadata/name").asText());
        JsonNode work = stream(pod.at("/volumes")).filter(v -> v.get("name").asText().equals("work")).findFirst().orElseThrow();
        assertThat(work.at("/persistentVolumeClaim/claimName").asText()).isEqualTo("familyhub-inbox");
    }

    @Test
    void defaultValuesElectWithPostgresAndNeedNoRbac() throws IOException {
        List<JsonNode> docs = render(new Helm(CHART).template().withName("familyhub").call());
        assertThat(kinds(docs)).doesNotContain("Role", "RoleBinding");
        JsonNode pod = single(docs, "Deployment").at("/spec/template/spec");
        Map<String, JsonNode> env = stream(pod.at("/containers/0/env"))
                .collect(Collectors.toMap(e -> e.get("name").asText(), e -> e));
        assertThat(env.get("FAMILYHUB_CLUSTER_KIND").get("value").asText()).isEqualTo("postgres");
        assertThat(env.get("FAMILYHUB_CLUSTER_RETRY_PERIOD").get("value").asText()).isEqualTo("2s");
        assertThat(env).doesNotContainKey("FAMILYHUB_CLUSTER_KUBERNETES_POD_NAME");
        assertThat(pod.at("/automountServiceAccountToken").asBoolean()).isFalse();
        JsonNode work = stream(pod.at("/volumes")).filter(v -> v.get("name").asText().equals("work")).findFirst().orElseThrow();
        assertThat(work.has("emptyDir")).isTrue();
    }

    @Test
    void schemaRejectsInvalidValues() {
        assertThatThrownBy(() -> new Helm(CHART).template().set("replicaCount", "three").call())
                .hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> new Helm(CHART).template().set("existingSecret", "").call())
                .hasMessageContaining("existingSecret");
        assertThatThrownBy(() -> new Helm(CHART).template().set("cluster.kind", "zookeeper").call())
                .hasMessageContaining("cluster");
    }

    private static List<JsonNode> render(String manifests) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(new YAMLFactory().createParser(manifests))) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.has("kind")) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static List<String> kinds(List<JsonNode> docs) {
        return docs.stream().map(d -> d.get("kind").asText()).toList();
    }

    private static Map<String, JsonNode> byName(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind").asText()))
                .collect(Collectors.toMap(d -> d.at("/metadata/name").asText(), d -> d));
    }

    private static JsonNode single(List<JsonNode> docs, String kind) {
        List<JsonNode> found = docs.stream().filter(d -> kind.equals(d.get("kind").asText())).toList();
        assertThat(found).as("%s in %s", kind, kinds(docs)).hasSize(1);
        return found.get(0);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** Deep merge of YAML values, as Helm merges a values file over the chart's values. */
    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode target) || !override.isObject()) {
            return override;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = target.get(e.getKey());
            target.set(e.getKey(), current == null ? e.getValue() : merge(current, e.getValue()));
        }
        return target;
    }

    /** Copies the chart, following the symbolic links of files/home to the repository's folders. */
    private static Path copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CHART, FileVisitOption.FOLLOW_LINKS)) {
            for (Path source : files.toList()) {
                Path dest = target.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
        return target;
    }
}
