package org.familyhub.consent;

import java.util.List;

/**
 * Told, in the purge's own transaction, which partner records were removed ({@code partner|sourceRecordId}), so what
 * was derived from them (links, families, criteria met) goes or changes with them.
 */
public interface PurgedRecordsListener {

    void purged(List<String> recordKeys);
}
