package org.familyhub.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * A batch's outcome. {@code accepted} includes {@code redacted}; {@code error} is set only when the whole batch failed;
 * {@code linkPending}: its records are kept but not yet linked to persons and families.
 */
public record BatchView(UUID batchId, String partner, String format, String source, String sourceName, String status,
                        int received, int accepted, int redacted, int refused, int quarantined, int duplicate,
                        String error, Instant startedAt, Instant completedAt, boolean linkPending) {
}
