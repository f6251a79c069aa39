package org.familyhub.connector;

import java.net.URI;
import org.apache.camel.Header;
import org.familyhub.ingest.BatchSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduled pull of pages from a partner: each page is one batch through the same pipeline as a file drop, and
 * the cursor moves on only once that page's batch is kept, so a crash or restart resumes where it stopped.
 */
public abstract class PartnerPuller {

    private static final Logger log = LoggerFactory.getLogger(PartnerPuller.class);
    static final int MAX_PAGES_PER_POLL = 10_000;

    protected final ConnectorCatalog catalog;
    protected final FeedIngestion ingestion;
    protected final ConnectorStateRepository state;
    protected final RetryingHttpGet http;

    protected PartnerPuller(ConnectorCatalog catalog, FeedIngestion ingestion, ConnectorStateRepository state,
                            RetryingHttpGet http) {
        this.catalog = catalog;
        this.ingestion = ingestion;
        this.state = state;
        this.http = http;
    }

    /** One poll: fetch pages until the partner says there is no more. Returns the number of batches kept. */
    public int pull(@Header("FamilyhubConnectorId") String connectorId, @Header("FamilyhubPartner") String partner,
                    @Header("FamilyhubBaseUrl") String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return 0; // not configured here: nothing to poll
        }
        ConnectorDefinition connector = catalog.find(partner)
                .orElseThrow(() -> new IllegalStateException("no connector for partner " + partner));
        state.started(connectorId, partner);
        int kept = 0;
        try {
            String cursor = state.cursor(connectorId).orElse(null);
            for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
                URI uri = pageUri(baseUrl, cursor);
                byte[] body = http.get(uri, accept());
                Page p = readPage(body);
                if (p.records() > 0) {
                    FeedIngestion.Result r = ingestion.ingest(connector, body, BatchSource.PULL, uri.toString());
                    if (r.failure() != null) {
                        state.failed(connectorId, "page " + uri + " could not be ingested: " + r.failure().getMessage());
                        return kept;
                    }
                    kept++;
                }
                String next = nextCursor(p, cursor);
                if (next != null && !next.equals(cursor)) {
                    state.advance(connectorId, next);
                }
                if (!p.more() || next == null || next.equals(cursor)) {
                    break;
                }
                cursor = next;
            }
            state.succeeded(connectorId);
        } catch (RetryingHttpGet.PullFailedException | RuntimeException e) {
            log.warn("Pull {} failed: {}", connectorId, e.getMessage());
            state.failed(connectorId, e.getMessage());
        }
        return kept;
    }

    protected abstract URI pageUri(String baseUrl, String cursor);

    protected abstract String accept();

    /** What the hub needs to know of a page before ingesting it: how many records, and where to go next. */
    protected abstract Page readPage(byte[] body) throws RetryingHttpGet.PullFailedException;

    /** The cursor to store once this page is kept. */
    protected abstract String nextCursor(Page page, String current);

    protected record Page(int records, String next, boolean more) {
    }
}
