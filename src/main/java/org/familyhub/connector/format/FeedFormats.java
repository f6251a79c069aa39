package org.familyhub.connector.format;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The formats a connector can name, by id. Plain Java so it works with or without Spring. */
public final class FeedFormats {

    private final Map<String, FeedFormat> byId = new LinkedHashMap<>();

    public FeedFormats(Collection<? extends FeedFormat> formats) {
        for (FeedFormat format : formats) {
            if (byId.putIfAbsent(format.id(), format) != null) {
                throw new IllegalArgumentException("two formats have the id '" + format.id() + "'");
            }
        }
    }

    /** The six formats of partner-feeds.md. */
    public static FeedFormats standard() {
        return new FeedFormats(List.of(new PoliceCsvFormat(), new SchoolXmlFormat(), new HealthFhirBundleFormat(),
                new ProbationJsonFormat(), new HousingCsvFormat(), new DwpCsvFormat()));
    }

    public FeedFormat get(String id) {
        FeedFormat format = byId.get(id);
        if (format == null) {
            throw new IllegalArgumentException("unknown feed format '" + id + "'; known formats: " + String.join(", ", byId.keySet()));
        }
        return format;
    }

    public Set<String> ids() {
        return Collections.unmodifiableSet(byId.keySet());
    }
}
