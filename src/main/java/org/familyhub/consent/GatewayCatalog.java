package org.familyhub.consent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.familyhub.config.HubPaths;
import org.springframework.stereotype.Component;

/** The legal gateways, read once from {@code consent/gateways.yaml}: reviewable data, not code. */
@Component
public class GatewayCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<String, Gateway> gateways;

    @org.springframework.beans.factory.annotation.Autowired
    public GatewayCatalog(HubPaths paths) {
        this(load(paths.consent().resolve("gateways.yaml")));
    }

    public GatewayCatalog(List<Gateway> gateways) {
        Map<String, Gateway> m = new LinkedHashMap<>();
        gateways.forEach(g -> m.put(g.id(), g));
        this.gateways = m;
    }

    public static List<Gateway> load(Path file) {
        try {
            return YAML.readValue(file.toFile(), new TypeReference<List<Gateway>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Legal gateways " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public List<Gateway> all() {
        return List.copyOf(gateways.values());
    }

    public Optional<Gateway> find(String id) {
        return Optional.ofNullable(gateways.get(id));
    }
}
