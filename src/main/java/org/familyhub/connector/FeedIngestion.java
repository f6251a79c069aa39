package org.familyhub.connector;

import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.familyhub.ingest.BatchOpener;
import org.familyhub.ingest.BatchSource;
import org.familyhub.ingest.IngestBatch;
import org.springframework.stereotype.Component;

/** Hands a body to the ingest pipeline ({@code direct:ingest}) for pushes and pulls, as the file drop does. */
@Component
public class FeedIngestion {

    private final ProducerTemplate producer;

    public FeedIngestion(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Runs the batch through the pipeline; the result holds its id and, if it failed, the exception. */
    public Result ingest(ConnectorDefinition connector, byte[] body, BatchSource source, String sourceName) {
        return ingest(connector, body, source, sourceName, null);
    }

    /** With a written justification (safeguarding), as a push may send in {@code X-Justification}. */
    public Result ingest(ConnectorDefinition connector, byte[] body, BatchSource source, String sourceName,
                         String justification) {
        Exchange done = producer.send("direct:ingest", ex -> {
            ex.getMessage().setBody(body);
            ex.getMessage().setHeader(BatchOpener.PARTNER, connector.partner());
            ex.getMessage().setHeader(BatchOpener.FORMAT, connector.format());
            ex.getMessage().setHeader(BatchOpener.SOURCE, source.name());
            ex.getMessage().setHeader(BatchOpener.SOURCE_NAME, sourceName);
            ex.getMessage().setHeader(BatchOpener.JUSTIFICATION, justification);
        });
        Object out = done.getMessage().getBody();
        UUID batchId = out instanceof IngestBatch b ? b.batchId() : null;
        return new Result(batchId, done.getException());
    }

    public record Result(UUID batchId, Exception failure) {
    }
}
