package org.familyhub.outbound;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A change of one family's view that the early-help case system must hear about: what the family code hands to
 * {@link OutboundOutbox#enqueue}. {@code changeKey} is unique per change (e.g. family id + a hash of the view): the
 * notification id derives from it, so enqueueing the same change twice is one message and every retry of it carries
 * the same id. Identifiers are scheme → value; only NHS, UPN, PNC, CRN and UPRN ever leave the hub (see
 * {@link EarlyHelpMapper}); the caller must not pass DWP-sourced detail here.
 */
public record FamilyChange(String familyId, Reason reason, String framework, boolean eligible, List<Member> members,
                           List<Criterion> criteria, List<Worker> workers, String changeKey) {

    public enum Reason { NEWLY_ELIGIBLE, CHANGED, NO_LONGER_ELIGIBLE }

    public FamilyChange {
        requireText(familyId, "familyId");
        Objects.requireNonNull(reason, "reason");
        requireText(framework, "framework");
        requireText(changeKey, "changeKey");
        members = members == null ? List.of() : List.copyOf(members);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        workers = workers == null ? List.of() : List.copyOf(workers);
        if (members.isEmpty()) {
            // The case system's schema requires at least one member: fail in the caller's transaction, not later.
            throw new IllegalArgumentException("a family change needs at least one member");
        }
    }

    /** A member of the family; {@code identifiers} maps a scheme (NHS, UPN, PNC, CRN, UPRN, ...) to its value. */
    public record Member(String personId, String givenName, String familyName, LocalDate dateOfBirth,
                         Map<String, String> identifiers) {
        public Member {
            requireText(personId, "member personId");
            Map<String, String> ids = new LinkedHashMap<>();
            if (identifiers != null) {
                identifiers.forEach((scheme, value) -> {
                    if (scheme != null && value != null && !value.isBlank()) {
                        ids.put(scheme.trim().toUpperCase(Locale.ROOT), value.trim());
                    }
                });
            }
            identifiers = java.util.Collections.unmodifiableMap(ids);
        }
    }

    /** A headline criterion of the framework: whether it is met, and the dates of its evidence. */
    public record Criterion(String id, boolean met, List<LocalDate> evidenceDates) {
        public Criterion {
            requireText(id, "criterion id");
            evidenceDates = evidenceDates == null ? List.of() : List.copyOf(evidenceDates);
        }
    }

    /** A professional working with a member of the family (who else is involved, and how to reach them). */
    public record Worker(String personId, String service, String role, String professional, String phone,
                         String email, LocalDate since) {
        public Worker {
            requireText(personId, "worker personId");
            requireText(service, "worker service");
            requireText(professional, "worker professional");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
