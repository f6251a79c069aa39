package org.familyhub.security;

import java.util.Optional;

/** The roles of DESIGN §9, as Spring authorities {@code ROLE_<NAME>}. */
public enum Role {
    IG_OFFICER("ig-officer"),
    PARTNER_IT("partner-it"),
    KEY_WORKER("key-worker"),
    DATA_TEAM("data-team"),
    AUDITOR("auditor");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** The role named {@code id} as DESIGN §9 (and an identity provider's role names) spell it, e.g. {@code ig-officer}. */
    public static Optional<Role> fromId(String id) {
        for (Role r : values()) {
            if (r.id.equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
