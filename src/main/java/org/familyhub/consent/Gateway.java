package org.familyhub.consent;

import java.util.List;
import java.util.Set;

/** A legal gateway of {@code consent/gateways.yaml}: the statute, who may rely on it, for what, on which conditions. */
public record Gateway(String id, String statute, String summary, List<String> partners, Set<String> purposes,
                      boolean requiresConsent, boolean requiresJustification, boolean art9, boolean art10) {

    public boolean allows(String partner) {
        return partners.contains("*") || partners.contains(partner);
    }
}
