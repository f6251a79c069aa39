package org.familyhub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.beans.Introspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.familyhub.outbound.ClaimsSender;
import org.familyhub.outbound.EarlyHelpSender;
import org.familyhub.outbound.OutboundOutbox;
import org.junit.jupiter.api.Test;

/**
 * The outbound connectors ({@code connectors/outbound/<system>/connector.camel.yaml}) instantiate an existing route
 * template with its required parameters, name their own folder as the system, and a sender bean that exists.
 */
class OutboundConnectorsTest {

    @Test
    void everyOutboundConnectorIsComplete() throws IOException {
        Map<String, Set<String>> required = ConnectorCatalogTest.templates();
        Map<String, String> senders = Map.of(OutboundOutbox.EARLY_HELP,
                Introspector.decapitalize(EarlyHelpSender.class.getSimpleName()),
                OutboundOutbox.CLAIMS, Introspector.decapitalize(ClaimsSender.class.getSimpleName()));
        List<Path> files;
        try (Stream<Path> dirs = Files.list(Path.of("connectors/outbound"))) {
            files = dirs.map(d -> d.resolve("connector.camel.yaml")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).extracting(f -> f.getParent().getFileName().toString()).containsExactly("claims", "early-help");
        for (Path f : files) {
            String system = f.getParent().getFileName().toString();
            JsonNode routes = ConnectorCatalogTest.YAML.readTree(f.toFile());
            assertThat(routes).as(f.toString()).isNotEmpty();
            for (JsonNode item : routes) {
                JsonNode t = item.get("templatedRoute");
                assertThat(t).as(f + " holds templated routes only").isNotNull();
                String template = t.path("routeTemplateRef").asText();
                Map<String, String> params = new HashMap<>();
                t.path("parameters").forEach(p -> params.put(p.path("name").asText(), p.path("value").asText()));
                assertThat(required).as(f + " uses template " + template).containsKey(template);
                assertThat(params.keySet()).as(f + " parameters").containsAll(required.get(template));
                assertThat(params.get("system")).as(f + " system").isEqualTo(system);
                assertThat(params.get("sender")).as(f + " sender bean").isEqualTo(senders.get(system));
                assertThat(t.path("routeId").asText()).startsWith(system + "-");
            }
        }
    }
}
