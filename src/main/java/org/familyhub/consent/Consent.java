package org.familyhub.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * A recorded consent: who it is about, what it covers (partners, data categories, purposes), who gave it (the person,
 * or a parent or guardian for a child), when, until when, and the evidence (e.g. the signed form's reference).
 */
public record Consent(UUID id, ConsentPerson person, Set<String> partners, Set<String> categories, Set<String> purposes,
                      String givenBy, LocalDate givenOn, LocalDate expiresOn, String evidence, Instant withdrawnAt) {

    public boolean activeOn(LocalDate date) {
        return withdrawnAt == null && !date.isBefore(givenOn) && (expiresOn == null || !date.isAfter(expiresOn));
    }

    public boolean covers(String partner, String category) {
        return (partners.contains("*") || partners.contains(partner)) && categories.contains(category);
    }

    /** The person as the consent identifies them; any identifier may be null. */
    public record ConsentPerson(String givenName, String familyName, LocalDate dateOfBirth, String postcode,
                                String nhsNumber, String nino, String upn) {
    }
}
