package org.familyhub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in with a council's Keycloak (env {@code FAMILYHUB_SECURITY_OIDC_*}). Set {@code issuer-uri} to turn it on: then
 * {@code /api} takes only bearer tokens of that issuer, and the browser signs in there.
 *
 * @param issuerUri    the realm's issuer, e.g. {@code https://sso.example.gov.uk/realms/familyhub}
 * @param audience     the {@code aud} every API token must carry
 * @param clientId     the browser sign-in's confidential client
 * @param clientSecret its secret (from Keycloak: Clients → familyhub-ui → Credentials)
 * @param rolesClient  the client whose client roles count as hub roles (default: the audience)
 */
@ConfigurationProperties("familyhub.security.oidc")
public record OidcProperties(String issuerUri,
                             @DefaultValue("familyhub-api") String audience,
                             @DefaultValue("familyhub-ui") String clientId,
                             String clientSecret,
                             String rolesClient) {

    public String rolesClientOrAudience() {
        return rolesClient == null || rolesClient.isBlank() ? audience : rolesClient;
    }
}
