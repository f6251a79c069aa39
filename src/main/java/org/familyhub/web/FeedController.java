package org.familyhub.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.familyhub.connector.ConnectorCatalog;
import org.familyhub.connector.ConnectorDefinition;
import org.familyhub.connector.FeedIngestion;
import org.familyhub.ingest.BatchRepository;
import org.familyhub.ingest.BatchSource;
import org.familyhub.ingest.BatchView;
import org.familyhub.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** HTTP push of a partner batch, in the partner's own format, and its outcome. */
@RestController
public class FeedController {

    private final ConnectorCatalog catalog;
    private final FeedIngestion ingestion;
    private final BatchRepository batches;

    public FeedController(ConnectorCatalog catalog, FeedIngestion ingestion, BatchRepository batches) {
        this.catalog = catalog;
        this.ingestion = ingestion;
        this.batches = batches;
    }

    @PostMapping("/api/feeds/{partner}")
    public ResponseEntity<Map<String, Object>> push(@PathVariable String partner, @RequestBody(required = false) byte[] body,
                                                    @RequestHeader(value = "X-File-Name", required = false) String fileName,
                                                    @RequestHeader(value = "X-Justification", required = false) String justification,
                                                    Authentication auth) {
        new Caller(auth).requirePartnerAccess(partner);
        ConnectorDefinition connector = connector(partner);
        FeedIngestion.Result result = ingestion.ingest(connector, body == null ? new byte[0] : body, BatchSource.PUSH,
                fileName == null ? "push by " + auth.getName() : fileName, justification);
        BatchView batch = result.batchId() == null ? null : batches.find(partner, result.batchId()).orElse(null);
        if (batch == null || "FAILED".equals(batch.status())) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", batch != null ? batch.error() : "the hub could not open a batch: "
                    + (result.failure() == null ? "unknown error" : result.failure().getMessage()));
            if (batch != null) {
                error.put("batchId", batch.batchId());
                error.put("status", batch.status());
            }
            return ResponseEntity.status(batch != null ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR).body(error);
        }
        return ResponseEntity.accepted().body(counts(batch));
    }

    @GetMapping("/api/feeds/{partner}/batches/{batchId}")
    public Map<String, Object> batch(@PathVariable String partner, @PathVariable UUID batchId, Authentication auth) {
        new Caller(auth).requirePartnerAccess(partner);
        connector(partner);
        return counts(batches.find(partner, batchId)
                .orElseThrow(() -> ApiError.notFound("no batch " + batchId + " for partner " + partner)));
    }

    private ConnectorDefinition connector(String partner) {
        return catalog.find(partner).orElseThrow(() -> ApiError.notFound("unknown partner '" + partner + "'"));
    }

    static Map<String, Object> counts(BatchView b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchId", b.batchId());
        m.put("partner", b.partner());
        m.put("status", b.status());
        m.put("received", b.received());
        m.put("accepted", b.accepted());
        m.put("redacted", b.redacted());
        m.put("refused", b.refused());
        m.put("quarantined", b.quarantined());
        m.put("duplicate", b.duplicate());
        m.put("error", b.error());
        m.put("format", b.format());
        m.put("source", b.source());
        m.put("sourceName", b.sourceName());
        m.put("startedAt", b.startedAt());
        m.put("completedAt", b.completedAt());
        m.put("linkPending", b.linkPending());
        return m;
    }
}
