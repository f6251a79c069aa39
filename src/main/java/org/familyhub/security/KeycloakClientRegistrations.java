package org.familyhub.security;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The one browser sign-in client, read from the issuer's discovery document on first use rather than at start-up:
 * a hub pod that starts before Keycloak (or while it is down) still starts, and sign-in works once Keycloak answers.
 */
final class KeycloakClientRegistrations implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "keycloak";

    private final OidcProperties oidc;
    private volatile ClientRegistration registration;

    KeycloakClientRegistrations(OidcProperties oidc) {
        this.oidc = oidc;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration r = registration;
        if (r == null) {
            synchronized (this) {
                r = registration;
                if (r == null) {
                    // a failure is not kept: the next sign-in asks again
                    r = ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                            .registrationId(REGISTRATION_ID)
                            .clientId(oidc.clientId())
                            .clientSecret(oidc.clientSecret())
                            .scope("openid", "profile")
                            .userNameAttributeName("preferred_username")
                            .build();
                    registration = r;
                }
            }
        }
        return r;
    }
}
