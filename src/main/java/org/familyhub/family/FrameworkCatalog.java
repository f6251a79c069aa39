package org.familyhub.family;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome frameworks that ship with the hub (domain.md), read from {@code classpath:frameworks/<id>.yaml}. */
public final class FrameworkCatalog {

    /** The configuration property that picks a council's framework. */
    public static final String PROPERTY = "familyhub.framework";
    public static final String DEFAULT_ID = "tf-2015";
    public static final List<String> SHIPPED = List.of("tf-2012", "tf-2015", "sf-2022");

    private final Map<String, OutcomeFramework> frameworks;

    private FrameworkCatalog(Map<String, OutcomeFramework> frameworks) {
        this.frameworks = frameworks;
    }

    /** Loads and validates every shipped framework; any invalid file fails the whole catalogue. */
    public static FrameworkCatalog shipped() {
        Map<String, OutcomeFramework> m = new LinkedHashMap<>();
        for (String id : SHIPPED) {
            OutcomeFramework f = readResource("frameworks/" + id + ".yaml");
            if (!f.id().equals(id)) {
                throw new InvalidFrameworkException("frameworks/" + id + ".yaml", List.of("its id is '" + f.id() + "', not '" + id + "'"));
            }
            m.put(id, f);
        }
        return new FrameworkCatalog(m);
    }

    public static OutcomeFramework readResource(String resource) {
        try (InputStream in = FrameworkCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Outcome framework classpath:" + resource + " is missing");
            }
            return OutcomeFramework.read("classpath:" + resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Outcome framework classpath:" + resource + " cannot be read", e);
        }
    }

    public Optional<OutcomeFramework> find(String id) {
        return Optional.ofNullable(frameworks.get(id));
    }

    /** The framework by id; an unknown id names the ones that exist. */
    public OutcomeFramework get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no outcome framework '" + id + "' (" + PROPERTY
                + " must be one of " + String.join(", ", frameworks.keySet()) + ")"));
    }

    public OutcomeFramework defaultFramework() {
        return get(DEFAULT_ID);
    }

    public List<OutcomeFramework> all() {
        return List.copyOf(frameworks.values());
    }
}
