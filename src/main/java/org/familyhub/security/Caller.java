package org.familyhub.security;

import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is calling: their roles and, for partner IT, the one partner they act for (authority {@code PARTNER_<id>}). */
public record Caller(Authentication authentication) {

    public static final String PARTNER_PREFIX = "PARTNER_";

    public String name() {
        return authentication.getName();
    }

    public boolean has(Role role) {
        return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }

    public Optional<String> partner() {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(PARTNER_PREFIX)).map(a -> a.substring(PARTNER_PREFIX.length())).findFirst();
    }

    /** Partner IT reach only their own partner; IG officers (and others the URL rules let in) reach every partner. */
    public void requirePartnerAccess(String partner) {
        if (has(Role.PARTNER_IT) && !partner.equals(partner().orElse(null))) {
            throw new AccessDeniedException("user " + name() + " acts for partner '" + partner().orElse("none")
                    + "', not '" + partner + "'");
        }
    }

    /** Partner IT see only their own partner's data; null means every partner. */
    public String partnerScope() {
        return has(Role.PARTNER_IT) ? partner().orElse("\u0000none") : null;
    }
}
