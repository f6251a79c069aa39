package org.familyhub.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.familyhub.config.HubPaths;
import org.springframework.stereotype.Component;

/**
 * The partners the hub is connected to, read from the same {@code connectors/partners/<id>/connector.camel.yaml}
 * files Camel loads: each file's templated routes name the partner and its feed format. Adding a partner is adding
 * a file; this catalogue is how the HTTP push and the connector status learn of it.
 */
@Component
public class ConnectorCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, ConnectorDefinition> connectors;

    public ConnectorCatalog(HubPaths paths) {
        this.connectors = load(paths.connectors().resolve("partners"));
    }

    public List<ConnectorDefinition> all() {
        return List.copyOf(connectors.values());
    }

    public Optional<ConnectorDefinition> find(String partner) {
        return Optional.ofNullable(connectors.get(partner));
    }

    static Map<String, ConnectorDefinition> load(Path partnersDir) {
        Map<String, ConnectorDefinition> result = new TreeMap<>();
        if (!Files.isDirectory(partnersDir)) {
            return result;
        }
        try (Stream<Path> dirs = Files.list(partnersDir)) {
            for (Path file : dirs.map(d -> d.resolve("connector.camel.yaml")).filter(Files::isRegularFile).sorted().toList()) {
                ConnectorDefinition def = parse(file);
                result.put(def.partner(), def);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    static ConnectorDefinition parse(Path file) throws IOException {
        JsonNode root = YAML.readTree(file.toFile());
        List<ConnectorDefinition.RouteUse> routes = new ArrayList<>();
        for (JsonNode item : root) {
            JsonNode t = item.get("templatedRoute");
            if (t == null) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (JsonNode p : t.path("parameters")) {
                params.put(p.path("name").asText(), p.path("value").asText());
            }
            routes.add(new ConnectorDefinition.RouteUse(t.path("routeId").asText(null),
                    t.path("routeTemplateRef").asText(), params));
        }
        String partner = routes.stream().map(r -> r.parameters().get("partner")).filter(p -> p != null)
                .findFirst().orElseThrow(() -> new IllegalStateException(file + " names no partner parameter"));
        String format = routes.stream().map(r -> r.parameters().get("format")).filter(f -> f != null)
                .findFirst().orElseThrow(() -> new IllegalStateException(file + " names no format parameter"));
        return new ConnectorDefinition(partner, format, file, routes);
    }
}
