package org.familyhub.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/**
 * FHIR search pull: {@code GET {base}/EpisodeOfCare?_lastUpdated=gt{cursor}&_include=EpisodeOfCare:patient}, following
 * the Bundle's {@code next} links. The cursor is the latest {@code meta.lastUpdated} of the episodes kept, so the next
 * poll asks only for what changed since.
 */
@Component
public class FhirSearchPuller extends PartnerPuller {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEXT_LINK = "link:";

    public FhirSearchPuller(ConnectorCatalog catalog, FeedIngestion ingestion, ConnectorStateRepository state,
                            RetryingHttpGet http) {
        super(catalog, ingestion, state, http);
    }

    /** The cursor is either a lastUpdated instant or, while paging, "link:" + the server's next-page URL. */
    @Override
    protected URI pageUri(String baseUrl, String cursor) {
        if (cursor != null && cursor.startsWith(NEXT_LINK)) {
            return URI.create(cursor.substring(NEXT_LINK.length()));
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String query = "_include=" + URLEncoder.encode("EpisodeOfCare:patient", StandardCharsets.UTF_8) + "&_sort=_lastUpdated";
        if (cursor != null) {
            query = "_lastUpdated=" + URLEncoder.encode("gt" + cursor, StandardCharsets.UTF_8) + "&" + query;
        }
        return URI.create(base + "/EpisodeOfCare?" + query);
    }

    @Override
    protected String accept() {
        return "application/fhir+json";
    }

    @Override
    protected Page readPage(byte[] body) {
        try {
            JsonNode bundle = JSON.readTree(body);
            int episodes = 0;
            String latest = null;
            for (JsonNode e : bundle.path("entry")) {
                JsonNode res = e.path("resource");
                if ("EpisodeOfCare".equals(res.path("resourceType").asText())) {
                    episodes++;
                    String lu = res.path("meta").path("lastUpdated").asText(null);
                    if (lu != null && (latest == null || OffsetDateTime.parse(lu).isAfter(OffsetDateTime.parse(latest)))) {
                        latest = lu;
                    }
                }
            }
            String next = null;
            for (JsonNode l : bundle.path("link")) {
                if ("next".equals(l.path("relation").asText())) {
                    next = l.path("url").asText(null);
                }
            }
            return new Page(episodes, next != null ? NEXT_LINK + next : latest, next != null);
        } catch (IOException | RuntimeException e) {
            return new Page(1, null, false);
        }
    }

    /**
     * While the server has more pages, the cursor is the next link; at the last page it becomes the latest
     * lastUpdated seen (or stays as it was when this search found nothing new).
     */
    @Override
    protected String nextCursor(Page page, String current) {
        if (page.more()) {
            return page.next();
        }
        if (page.next() != null) {
            return page.next();
        }
        return current != null && current.startsWith(NEXT_LINK) ? null : current;
    }
}
