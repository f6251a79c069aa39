package org.familyhub.ingest;

import java.util.List;
import org.familyhub.record.PartnerRecord;

/**
 * Runs inside the staging transaction with the records a batch kept as new versions, so what follows from them
 * (links, families) commits with them or not at all.
 */
public interface StagedRecordsListener {

    void staged(IngestBatch batch, List<PartnerRecord> kept);
}
