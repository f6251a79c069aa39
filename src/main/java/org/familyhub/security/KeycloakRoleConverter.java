package org.familyhub.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A Keycloak access token → the same authorities the demo users have, so the URL rules and {@link Caller} work unchanged:
 * the roles of DESIGN §9, as realm roles ({@code realm_access.roles}) or as client roles of one client
 * ({@code resource_access.<client>.roles}), become {@code ROLE_IG_OFFICER} etc.; the {@code partner} claim becomes
 * {@code PARTNER_<id>}. Other roles and other clients' roles are ignored: another application's "auditor" is not ours.
 */
public final class KeycloakRoleConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    public static final String PARTNER_CLAIM = "partner";
    /** A partner id as connectors spell it (connectors/partners/&lt;id&gt;); anything else gives no partner at all. */
    private static final Pattern PARTNER_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final String rolesClient;

    /** @param rolesClient the client whose client roles count (the API's audience, e.g. {@code familyhub-api}) */
    public KeycloakRoleConverter(String rolesClient) {
        this.rolesClient = rolesClient;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()), userName(jwt.getClaims()));
    }

    /** The user's name in the hub (audit actor, maker-checker): Keycloak's user name, else the subject. */
    public static String userName(Map<String, Object> claims) {
        Object name = claims.get("preferred_username");
        if (name instanceof String s && !s.isBlank()) {
            return s;
        }
        Object sub = claims.get("sub");
        return sub == null ? null : sub.toString();
    }

    public Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        addRoles(claims.get("realm_access"), authorities);
        if (claims.get("resource_access") instanceof Map<?, ?> clients) {
            addRoles(clients.get(rolesClient), authorities);
        }
        Object partner = claims.get(PARTNER_CLAIM);
        if (partner instanceof List<?> values && values.size() == 1) {
            partner = values.get(0); // a single-valued user attribute mapped as multivalued
        }
        if (partner instanceof String id && PARTNER_ID.matcher(id).matches()) {
            authorities.add(new SimpleGrantedAuthority(Caller.PARTNER_PREFIX + id));
        }
        return List.copyOf(authorities);
    }

    private static void addRoles(Object access, Set<GrantedAuthority> into) {
        if (access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            for (Object role : roles) {
                if (role instanceof String id) {
                    Role.fromId(id).ifPresent(r -> into.add(new SimpleGrantedAuthority(r.authority())));
                }
            }
        }
    }
}
