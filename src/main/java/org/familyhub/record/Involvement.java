package org.familyhub.record;

import java.time.LocalDate;

/** The service working with the subject, as the partner reports it: answers "who else is working with this family?". */
public record Involvement(String service, String role, String professional, String phone, String email,
                          LocalDate since, LocalDate until) {
}
