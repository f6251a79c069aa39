package org.familyhub.security;

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
}
