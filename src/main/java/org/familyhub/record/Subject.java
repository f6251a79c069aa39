package org.familyhub.record;

import java.time.LocalDate;

/** The person a partner record is about. {@code dateOfBirth} is null when the partner did not send one. */
public record Subject(String givenName, String familyName, LocalDate dateOfBirth, String sex,
                      Address address, Identifiers identifiers) {
}
