package org.familyhub.connector.format;

import java.util.Objects;
import org.familyhub.record.PartnerRecord;

/**
 * One record of a feed body: either mapped ({@code record}) or quarantined ({@code problem}), never both.
 *
 * @param position 1-based: CSV physical line of the row's first line (header = 1), XML {@code <Pupil>} index,
 *                 probation index in {@code cases}, FHIR index of the entry in {@code Bundle.entry}
 * @param location the position in words, e.g. "line 7", "Pupil 3", "case 2", "entry 4"
 * @param raw      the original text of the row or element, kept for the quarantine
 */
public record ParsedItem(int position, String location, String raw, PartnerRecord record, String problem) {

    public ParsedItem {
        Objects.requireNonNull(location, "location");
        if ((record == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of record and problem must be given");
        }
    }

    public static ParsedItem ok(int position, String location, String raw, PartnerRecord record) {
        return new ParsedItem(position, location, raw, Objects.requireNonNull(record, "record"), null);
    }

    public static ParsedItem rejected(int position, String location, String raw, String problem) {
        return new ParsedItem(position, location, raw, null, Objects.requireNonNull(problem, "problem"));
    }

    public boolean isOk() {
        return record != null;
    }
}
