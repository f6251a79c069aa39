package org.familyhub.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * REST pull with cursor paging ({@code GET {base}/cases?since={cursor}} → {@code {"cases": [...], "next": token}}),
 * as the probation feed offers. The stored cursor is the {@code next} of the last page kept.
 */
@Component
public class CursorPagedPuller extends PartnerPuller {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CursorPagedPuller(ConnectorCatalog catalog, FeedIngestion ingestion, ConnectorStateRepository state,
                             RetryingHttpGet http) {
        super(catalog, ingestion, state, http);
    }

    @Override
    protected URI pageUri(String baseUrl, String cursor) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + "/cases" + (cursor == null ? "" : "?since=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
    }

    @Override
    protected String accept() {
        return "application/json";
    }

    @Override
    protected Page readPage(byte[] body) throws RetryingHttpGet.PullFailedException {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode next = root.path("next");
            String token = next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
            return new Page(root.path("cases").size(), token, token != null);
        } catch (IOException e) {
            // Let the pipeline fail it as a batch with its reason; stop paging since no cursor can be read.
            return new Page(1, null, false);
        }
    }

    @Override
    protected String nextCursor(Page page, String current) {
        return page.next();
    }
}
