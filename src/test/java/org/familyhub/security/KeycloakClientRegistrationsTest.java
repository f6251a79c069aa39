package org.familyhub.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** The browser's client registration comes from the issuer's discovery document, on first use, and a failure is retried. */
class KeycloakClientRegistrationsTest {

    private static final String DISCOVERY = "/realms/familyhub/.well-known/openid-configuration";
    private final WireMockServer idp = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private String issuer;

    @BeforeEach
    void start() {
        idp.start();
        issuer = idp.baseUrl() + "/realms/familyhub";
    }

    @AfterEach
    void stop() {
        idp.stop();
    }

    private String discovery() {
        String p = issuer + "/protocol/openid-connect";
        return """
                {"issuer": "%s", "authorization_endpoint": "%s/auth", "token_endpoint": "%s/token",
                 "userinfo_endpoint": "%s/userinfo", "jwks_uri": "%s/certs", "end_session_endpoint": "%s/logout",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"],
                 "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}
                """.formatted(issuer, p, p, p, p, p);
    }

    @Test
    void readsTheIssuerOnFirstUseOnlyAndKeepsIt() {
        idp.stubFor(get(urlPathEqualTo(DISCOVERY)).willReturn(okJson(discovery())));
        KeycloakClientRegistrations registrations = new KeycloakClientRegistrations(
                new OidcProperties(issuer, "familyhub-api", "familyhub-ui", "s3cret", null));
        idp.verify(0, getRequestedFor(urlPathEqualTo(DISCOVERY)));

        ClientRegistration r = registrations.findByRegistrationId("keycloak");
        assertThat(r.getClientId()).isEqualTo("familyhub-ui");
        assertThat(r.getClientSecret()).isEqualTo("s3cret");
        assertThat(r.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(r.getScopes()).containsExactlyInAnyOrder("openid", "profile");
        assertThat(r.getProviderDetails().getAuthorizationUri()).isEqualTo(issuer + "/protocol/openid-connect/auth");
        assertThat(r.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName()).isEqualTo("preferred_username");
        // RP-initiated logout finds Keycloak's end-session endpoint here
        assertThat(r.getProviderDetails().getConfigurationMetadata())
                .containsEntry("end_session_endpoint", issuer + "/protocol/openid-connect/logout");

        assertThat(registrations.findByRegistrationId("keycloak")).isSameAs(r);
        assertThat(registrations.findByRegistrationId("google")).isNull();
        idp.verify(1, getRequestedFor(urlPathEqualTo(DISCOVERY)));
    }

    @Test
    void anIssuerThatIsDownIsAskedAgainNextTime() {
        idp.stubFor(get(urlPathEqualTo(DISCOVERY)).willReturn(aResponse().withStatus(503)));
        KeycloakClientRegistrations registrations = new KeycloakClientRegistrations(
                new OidcProperties(issuer, "familyhub-api", "familyhub-ui", "s3cret", null));
        assertThatThrownBy(() -> registrations.findByRegistrationId("keycloak")).isInstanceOf(RuntimeException.class);

        idp.stubFor(get(urlPathEqualTo(DISCOVERY)).willReturn(okJson(discovery())));
        assertThat(registrations.findByRegistrationId("keycloak").getClientId()).isEqualTo("familyhub-ui");
    }
}
