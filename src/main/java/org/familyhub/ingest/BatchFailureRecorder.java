package org.familyhub.ingest;

import org.apache.camel.Exchange;
import org.familyhub.audit.AuditTrail;
import org.familyhub.connector.format.UnreadableFeedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Called by the pipeline's error handler: a batch that cannot be processed at all is marked FAILED with one
 * reason in words. The exception still propagates, so a dropped file is moved to {@code failed/} and a push gets a 400.
 */
@Component
public class BatchFailureRecorder {

    private static final Logger log = LoggerFactory.getLogger(BatchFailureRecorder.class);

    private final BatchRepository batches;
    private final IngestMetrics metrics;
    private final AuditTrail audit;
    private final IngestAuditEvents auditEvents;

    public BatchFailureRecorder(BatchRepository batches, IngestMetrics metrics, AuditTrail audit, IngestAuditEvents auditEvents) {
        this.batches = batches;
        this.metrics = metrics;
        this.audit = audit;
        this.auditEvents = auditEvents;
    }

    public void record(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Object body = exchange.getMessage().getBody();
        String reason = reason(e);
        if (body instanceof IngestBatch batch) {
            batches.fail(batch.batchId(), reason);
            audit.append(auditEvents.received(batch, "FAILED", reason));
            metrics.batchFailed(batch.partner());
            if (isUnreadable(e)) {
                log.warn("Batch {} from {} ({}) failed: {}", batch.batchId(), batch.partner(), batch.sourceName(), reason);
            } else {
                log.error("Batch {} from {} ({}) failed: {}", batch.batchId(), batch.partner(), batch.sourceName(), reason, e);
            }
        } else {
            log.error("Batch failed before it was opened: {}", reason, e);
        }
    }

    static boolean isUnreadable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnreadableFeedException) {
                return true;
            }
        }
        return false;
    }

    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnreadableFeedException) {
                return t.getMessage();
            }
        }
        return e == null ? "unknown error" : "the hub could not process this batch: " + e.getMessage();
    }
}
