package org.familyhub.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.consent.Purposes;
import org.springframework.security.access.AccessDeniedException;

/**
 * The purposes each role may state when reading personal data (DESIGN §9). A read without a purpose is a bad
 * request; a purpose the role may not state is refused.
 */
public final class PurposePolicy {

    public static final String HEADER = "X-Purpose";

    private static final Map<Role, List<String>> ALLOWED = Map.of(
            Role.KEY_WORKER, List.of("assessment", "case-coordination"),
            Role.DATA_TEAM, List.of("identification", "assessment", "outcome-evidence", "claim"));

    private PurposePolicy() {
    }

    /** Thrown for a missing or unknown purpose: the caller's request is malformed (400). */
    public static final class MissingPurposeException extends RuntimeException {
        public MissingPurposeException(String message) {
            super(message);
        }
    }

    /** The roles that may state {@code purpose} when reading families (the data-flow map's "who may read"). */
    public static List<Role> rolesFor(String purpose) {
        return ALLOWED.entrySet().stream().filter(e -> e.getValue().contains(purpose)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    public static Set<String> allowed(Caller caller) {
        Set<String> out = new LinkedHashSet<>();
        ALLOWED.forEach((role, purposes) -> {
            if (caller.has(role)) {
                out.addAll(purposes);
            }
        });
        return out;
    }

    /** The stated purpose, checked: 400 when missing or unknown, 403 when the caller's roles may not state it. */
    public static String require(Caller caller, String stated) {
        if (stated == null || stated.isBlank()) {
            throw new MissingPurposeException("state the purpose of this read in the " + HEADER + " header: one of "
                    + String.join(", ", Purposes.ALL));
        }
        String purpose = stated.trim();
        if (!Purposes.ALL.contains(purpose)) {
            throw new MissingPurposeException("unknown purpose '" + purpose + "': one of " + String.join(", ", Purposes.ALL));
        }
        if (!allowed(caller).contains(purpose)) {
            throw new AccessDeniedException(caller.name() + " may not read for '" + purpose + "'; allowed: "
                    + String.join(", ", allowed(caller)));
        }
        return purpose;
    }

    /** The role named in audit events: the first of the caller's roles that reads families. */
    public static String role(Caller caller) {
        for (Role r : List.of(Role.DATA_TEAM, Role.KEY_WORKER, Role.IG_OFFICER, Role.AUDITOR, Role.PARTNER_IT)) {
            if (caller.has(r)) {
                return r.id();
            }
        }
        return null;
    }
}
