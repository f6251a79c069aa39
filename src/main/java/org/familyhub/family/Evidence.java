package org.familyhub.family;

import java.time.LocalDate;
import java.util.List;

/**
 * One record behind a criterion met. {@code finding} states the computed figure when the rule aggregates
 * (e.g. an attendance rate over three terms), else null. {@code identificationOnly} tells a case-coordination view
 * to show that the criterion is met without the record's details.
 */
public record Evidence(String personId, String partner, String sourceRecordId, String category, LocalDate observedAt,
                       List<String> basis, boolean identificationOnly, String finding) {
}
