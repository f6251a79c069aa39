package org.familyhub.connector;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One partner's connector: its feed format and the route templates it instantiates (file drop, pulls). */
public record ConnectorDefinition(String partner, String format, Path file, List<RouteUse> routes) {

    public record RouteUse(String routeId, String template, Map<String, String> parameters) {
    }
}
