package org.familyhub.record;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The canonical record (DESIGN §3): what every connector maps its partner's format to.
 *
 * @param partner        partner id, e.g. {@code police}
 * @param dataset        the partner's dataset name, e.g. {@code incidents}, {@code attendance}
 * @param sourceRecordId the partner's stable key, its fields joined by {@code |} (partner-feeds.md)
 * @param observedAt     the date the fact was true; used to find the agreement in force
 * @param categories     one or more data categories (a probation case with the DA flag has two)
 * @param facts          typed values of the categories (JSON-friendly: strings, numbers, booleans, lists, maps)
 * @param involvement    the professional working with the subject, or null
 */
public record PartnerRecord(String partner, String dataset, String sourceRecordId, LocalDate observedAt,
                            Subject subject, Set<DataCategory> categories, Map<String, Object> facts,
                            Involvement involvement) {

    /** The record key of DESIGN §3, {@code partner|sourceRecordId}: one record across its versions. */
    public String key() {
        return partner + "|" + sourceRecordId;
    }
}
