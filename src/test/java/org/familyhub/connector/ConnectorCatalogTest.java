package org.familyhub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.familyhub.config.HubPaths;
import org.familyhub.connector.format.FeedFormats;
import org.familyhub.consent.AgreementRegistry;
import org.familyhub.consent.SharingAgreement;
import org.junit.jupiter.api.Test;

/**
 * The shipped connectors are consistent: every connector names an existing route template, gives each of its
 * required parameters, uses a known feed format, and its partner has a sharing agreement covering it.
 */
class ConnectorCatalogTest {

    static final Path HOME = Path.of(".");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyConnectorInstantiatesAnExistingTemplateWithAllRequiredParameters() throws IOException {
        Map<String, Set<String>> required = templates();
        List<ConnectorDefinition> connectors = new ConnectorCatalog(new HubPaths(".", "")).all();
        assertThat(connectors).extracting(ConnectorDefinition::partner)
                .containsExactlyInAnyOrder("police", "school", "health", "probation", "housing", "dwp");
        for (ConnectorDefinition c : connectors) {
            for (ConnectorDefinition.RouteUse use : c.routes()) {
                assertThat(required).as(c.file() + " uses template " + use.template()).containsKey(use.template());
                assertThat(use.parameters().keySet()).as(c.file() + " parameters of " + use.template())
                        .containsAll(required.get(use.template()));
                assertThat(use.routeId()).as(c.file() + " route id").startsWith(c.partner() + "-");
            }
            assertThat(FeedFormats.standard().ids()).as(c.file() + " format").contains(c.format());
        }
    }

    @Test
    void everyConnectorsPartnerHasASharingAgreement() {
        AgreementRegistry agreements = new AgreementRegistry(new HubPaths(".", ""));
        for (ConnectorDefinition c : new ConnectorCatalog(new HubPaths(".", "")).all()) {
            List<SharingAgreement> isas = agreements.forPartner(c.partner());
            assertThat(isas).as("agreement for " + c.partner()).isNotEmpty();
            assertThat(isas).allSatisfy(a -> assertThat(a.purposes()).isNotEmpty());
        }
        // DWP data is for identifying families only (Welfare Reform Act 2012 s131).
        assertThat(agreements.forPartner("dwp")).allSatisfy(a -> assertThat(a.purposes()).containsExactly("identification"));
    }

    /** Template id → parameters without a default value. */
    static Map<String, Set<String>> templates() throws IOException {
        Map<String, Set<String>> result = new HashMap<>();
        try (Stream<Path> files = Files.list(HOME.resolve("routes/templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                for (JsonNode item : YAML.readTree(f.toFile())) {
                    JsonNode t = item.get("routeTemplate");
                    if (t == null) {
                        continue;
                    }
                    Set<String> req = new HashSet<>();
                    t.path("parameters").forEach(p -> {
                        if (!p.has("defaultValue")) {
                            req.add(p.path("name").asText());
                        }
                    });
                    result.put(t.path("id").asText(), req);
                }
            }
        }
        return result;
    }
}
