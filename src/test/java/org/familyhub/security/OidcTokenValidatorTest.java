package org.familyhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claim checks every API token passes (the signature is the decoder's; KeycloakIT checks both end to end). */
class OidcTokenValidatorTest {

    private static final String ISSUER = "https://sso.example.gov.uk/realms/familyhub";
    private final OAuth2TokenValidator<Jwt> validator = OidcSecurityConfiguration.validator(ISSUER, "familyhub-api");

    private static Jwt.Builder token() {
        Instant now = Instant.now();
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(List.of("familyhub-api", "account"))
                .issuedAt(now.minusSeconds(10)).expiresAt(now.plusSeconds(290)).subject("u1");
    }

    private boolean valid(Jwt jwt) {
        OAuth2TokenValidatorResult r = validator.validate(jwt);
        return !r.hasErrors();
    }

    @Test
    void aCurrentTokenOfTheIssuerForTheApiIsValid() {
        assertThat(valid(token().build())).isTrue();
    }

    @Test
    void anotherAudienceOrNoneIsRefused() {
        assertThat(valid(token().audience(List.of("account")).build())).isFalse();
        assertThat(valid(token().claims(c -> c.remove("aud")).build())).isFalse();
    }

    @Test
    void anotherIssuerIsRefused() {
        assertThat(valid(token().issuer("https://sso.example.gov.uk/realms/other").build())).isFalse();
    }

    @Test
    void anExpiredTokenIsRefusedPastTheClockSkew() {
        Instant now = Instant.now();
        assertThat(valid(token().issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(120)).build())).isFalse();
        assertThat(valid(token().issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(5)).build())).isTrue(); // skew
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        Instant now = Instant.now();
        assertThat(valid(token().notBefore(now.plusSeconds(600)).build())).isFalse();
    }
}
