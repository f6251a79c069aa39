package org.familyhub.security;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * Everything the filter chains need when a Keycloak is configured: the API's token decoder and role mapping, the
 * browser's client registration, its user service and its sign-out.
 */
public record OidcSignIn(JwtDecoder decoder, KeycloakRoleConverter roles, ClientRegistrationRepository clients) {

    public String loginPath() {
        return "/oauth2/authorization/" + KeycloakClientRegistrations.REGISTRATION_ID;
    }

    /**
     * A browser user gets the same roles as their API calls would: read from the access token (where Keycloak puts
     * {@code realm_access}), decoded with the API's own checks, so a sign-in whose token the API would refuse fails.
     */
    public OAuth2UserService<OidcUserRequest, OidcUser> userService() {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Jwt access;
            try {
                access = decoder.decode(request.getAccessToken().getTokenValue());
            } catch (JwtException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                        "the access token is not one the familyhub API accepts: " + e.getMessage(), null), e);
            }
            Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
            authorities.addAll(roles.authorities(access.getClaims()));
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
        };
    }

    /** RP-initiated logout: signing out of the hub also ends the Keycloak session, then comes back to the hub. */
    public LogoutSuccessHandler logoutSuccessHandler() {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(clients);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        return handler;
    }
}
