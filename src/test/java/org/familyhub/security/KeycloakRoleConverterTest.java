package org.familyhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRoleConverterTest {

    private final KeycloakRoleConverter converter = new KeycloakRoleConverter("familyhub-api");

    private static Jwt jwt(Consumer<Map<String, Object>> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("3f2c-sub").issuedAt(Instant.now())
                .claims(claims).build();
    }

    private List<String> authorities(Jwt jwt) {
        return converter.convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void realmRolesOfDesignBecomeHubRolesAndOthersAreIgnored() {
        Jwt jwt = jwt(c -> c.put("realm_access", Map.of("roles",
                List.of("ig-officer", "auditor", "offline_access", "default-roles-familyhub", "IG-OFFICER"))));
        assertThat(authorities(jwt)).containsExactly("ROLE_IG_OFFICER", "ROLE_AUDITOR");
    }

    @Test
    void everyRoleOfDesignHasItsAuthority() {
        Jwt jwt = jwt(c -> c.put("realm_access", Map.of("roles",
                List.of("ig-officer", "partner-it", "key-worker", "data-team", "auditor"))));
        assertThat(authorities(jwt)).containsExactly("ROLE_IG_OFFICER", "ROLE_PARTNER_IT", "ROLE_KEY_WORKER",
                "ROLE_DATA_TEAM", "ROLE_AUDITOR");
    }

    @Test
    void clientRolesCountOnlyForTheApiClient() {
        Jwt jwt = jwt(c -> c.put("resource_access", Map.of(
                "familyhub-api", Map.of("roles", List.of("data-team")),
                "some-other-app", Map.of("roles", List.of("ig-officer", "auditor")),
                "account", Map.of("roles", List.of("manage-account")))));
        assertThat(authorities(jwt)).containsExactly("ROLE_DATA_TEAM");
    }

    @Test
    void realmAndClientRolesAddUpWithoutDuplicates() {
        Jwt jwt = jwt(c -> {
            c.put("realm_access", Map.of("roles", List.of("key-worker")));
            c.put("resource_access", Map.of("familyhub-api", Map.of("roles", List.of("key-worker", "data-team"))));
        });
        assertThat(authorities(jwt)).containsExactly("ROLE_KEY_WORKER", "ROLE_DATA_TEAM");
    }

    @Test
    void theRolesClientIsConfigurable() {
        Jwt jwt = jwt(c -> c.put("resource_access", Map.of("council-hub", Map.of("roles", List.of("auditor")),
                "familyhub-api", Map.of("roles", List.of("ig-officer")))));
        List<String> granted = new KeycloakRoleConverter("council-hub").convert(jwt).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList();
        assertThat(granted).containsExactly("ROLE_AUDITOR");
    }

    @Test
    void partnerClaimScopesPartnerItLikeTheDemoUsers() {
        Jwt jwt = jwt(c -> {
            c.put("realm_access", Map.of("roles", List.of("partner-it")));
            c.put("partner", "police");
        });
        AbstractAuthenticationToken auth = converter.convert(jwt);
        assertThat(authorities(jwt)).containsExactly("ROLE_PARTNER_IT", "PARTNER_police");
        Caller caller = new Caller(auth);
        assertThat(caller.partner()).contains("police");
        assertThat(caller.partnerScope()).isEqualTo("police");
    }

    @Test
    void aSingleValuedListCountsButSeveralPartnersOrOddIdsGiveNone() {
        assertThat(authorities(jwt(c -> c.put("partner", List.of("school"))))).containsExactly("PARTNER_school");
        assertThat(authorities(jwt(c -> c.put("partner", List.of("school", "police"))))).isEmpty();
        assertThat(authorities(jwt(c -> c.put("partner", "Police")))).isEmpty();
        assertThat(authorities(jwt(c -> c.put("partner", "police_ROLE_IG_OFFICER")))).isEmpty();
        assertThat(authorities(jwt(c -> c.put("partner", "")))).isEmpty();
    }

    @Test
    void aPartnerItWithoutPartnerReachesNoPartner() {
        Caller caller = new Caller(converter.convert(jwt(c -> c.put("realm_access", Map.of("roles", List.of("partner-it"))))));
        assertThat(caller.partner()).isEmpty();
        assertThat(caller.partnerScope()).isNotNull().isNotEqualTo("police");
    }

    @Test
    void malformedRoleClaimsGiveNoRoles() {
        assertThat(authorities(jwt(c -> c.put("realm_access", "ig-officer")))).isEmpty();
        assertThat(authorities(jwt(c -> c.put("realm_access", Map.of("roles", "ig-officer"))))).isEmpty();
        assertThat(authorities(jwt(c -> c.put("resource_access", List.of("familyhub-api"))))).isEmpty();
        assertThat(authorities(jwt(c -> c.put("realm_access", Map.of("roles", List.of(42, "auditor")))))).containsExactly("ROLE_AUDITOR");
    }

    @Test
    void nameIsKeycloaksUserNameElseTheSubject() {
        assertThat(converter.convert(jwt(c -> c.put("preferred_username", "j.smith"))).getName()).isEqualTo("j.smith");
        assertThat(converter.convert(jwt(c -> { })).getName()).isEqualTo("3f2c-sub");
    }
}
