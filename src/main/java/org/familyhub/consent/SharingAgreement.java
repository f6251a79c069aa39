package org.familyhub.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An information sharing agreement (DESIGN §4): what one partner may share, for which purposes, under which
 * gateways, which fields may be kept, for how long, and between which dates. An agreement may name the substantial
 * public interest condition it relies on for special category (Art. 9) or criminal offence (Art. 10) data.
 */
public record SharingAgreement(String id, int version, String partner, String status, Set<String> categories,
                               Set<String> purposes, List<String> gateways, List<String> fields,
                               Integer retentionDays, LocalDate validFrom, LocalDate validTo,
                               String specialCategoryCondition, String criminalOffenceCondition,
                               String author, String approver) {

    /** Active on {@code date}: approved (ACTIVE) and the date lies in [validFrom, validTo] (either end may be open). */
    public boolean activeOn(LocalDate date) {
        return "ACTIVE".equals(status) && inForceOn(date);
    }

    /** The date lies in [validFrom, validTo], whatever the status (a draft under preview is judged as if approved). */
    public boolean inForceOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }
}
