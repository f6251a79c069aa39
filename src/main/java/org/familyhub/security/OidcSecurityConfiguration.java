package org.familyhub.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Sign-in with a council's Keycloak, on when {@code familyhub.security.oidc.issuer-uri} is set. Nothing here talks to
 * Keycloak at start-up: the issuer's metadata and keys (JWKS) are fetched on the first token or sign-in, and a failure
 * is retried on the next, so the hub starts whatever state Keycloak is in.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcSecurityConfiguration.IssuerConfigured.class)
@EnableConfigurationProperties(OidcProperties.class)
public class OidcSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OidcSecurityConfiguration.class);

    @Bean
    OidcSignIn oidcSignIn(OidcProperties oidc) {
        log.info("Sign-in with OIDC issuer {}: /api takes bearer tokens with audience '{}', roles from realm roles and "
                + "client '{}', the browser signs in as client '{}'", oidc.issuerUri(), oidc.audience(),
                oidc.rolesClientOrAudience(), oidc.clientId());
        if (!StringUtils.hasText(oidc.clientSecret())) {
            log.warn("familyhub.security.oidc.client-secret is not set: browser sign-in will fail (the API is unaffected)");
        }
        SupplierJwtDecoder decoder = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder d = NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri()).build();
            d.setJwtValidator(validator(oidc.issuerUri(), oidc.audience()));
            return d;
        });
        return new OidcSignIn(decoder, new KeycloakRoleConverter(oidc.rolesClientOrAudience()),
                new KeycloakClientRegistrations(oidc));
    }

    /** Expiry and not-before (60 s clock skew), the issuer, and our audience; the signature is checked by the decoder. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(List.of(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtAudienceValidator(audience)));
    }

    /** Set and not blank (a chart may pass the variable empty). */
    static class IssuerConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("familyhub.security.oidc.issuer-uri"));
        }
    }
}
