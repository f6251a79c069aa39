package org.familyhub.ingest;

import java.util.List;
import java.util.Map;
import org.familyhub.record.PartnerRecord;

/**
 * Runs inside the staging transaction with the records a batch kept as new versions, so what follows from them
 * (links, families) commits with them or not at all.
 */
public interface StagedRecordsListener {

    /** @param recordIds the stored version's {@code record_id} of each kept record, by source record id */
    void staged(IngestBatch batch, List<PartnerRecord> kept, Map<String, Long> recordIds);
}
