package org.familyhub.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** First stage: gives the body a batch id and records that it arrived, before anything can fail. */
@Component
public class BatchOpener {

    public static final String PARTNER = "FamilyhubPartner";
    public static final String FORMAT = "FamilyhubFormat";
    public static final String SOURCE = "FamilyhubSource";
    public static final String SOURCE_NAME = "FamilyhubSourceName";
    public static final String JUSTIFICATION = "FamilyhubJustification";

    private final BatchRepository batches;
    private final Clock clock;

    public BatchOpener(BatchRepository batches, Clock clock) {
        this.batches = batches;
        this.clock = clock;
    }

    public IngestBatch open(@Body byte[] body, @Header(PARTNER) String partner, @Header(FORMAT) String format,
                            @Header(SOURCE) String source, @Header(SOURCE_NAME) String sourceName,
                            @Header(JUSTIFICATION) String justification) {
        IngestBatch batch = new IngestBatch(UUID.randomUUID(), partner, format, BatchSource.valueOf(source),
                sourceName, clock.instant(), sha256(body), justification, body);
        batches.open(batch);
        return batch;
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
