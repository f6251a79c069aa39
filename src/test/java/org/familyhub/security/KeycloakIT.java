package org.familyhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.familyhub.support.CookieJar;
import org.familyhub.support.TestKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * The hub signed in to by a real Keycloak (the distribution from Maven Central, the shipped realm imported), with the
 * production security settings: no demo users, only Keycloak's bearer tokens on {@code /api}, Keycloak's sign-in in
 * the browser. Test users and a test client with direct grants are added here through Keycloak's admin API; the
 * realm file ships with neither.
 *
 * <p>Its own Spring context (fixed port, so Keycloak knows the redirect address before the hub starts; its own work
 * folder, so its file-drop consumers watch other inboxes), closed after the class: the other integration tests keep
 * their shared demo-user context. It shares the JVM's embedded PostgreSQL, so everything here uses fresh ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "familyhub.security.demo-users=false",
        "familyhub.work-dir=target/keycloak-it-work"})
@ActiveProfiles("test")
@DirtiesContext
class KeycloakIT {

    private static final String REALM = "familyhub";
    private static final Path REALM_FILE = Path.of("helm/familyhub/files/keycloak/familyhub-realm.json");
    /** Public, direct grants, the shipped UI client's mappers: what a token for the API looks like. */
    private static final String TEST_CLIENT = "familyhub-it";
    /** The same without those mappers: a genuine token of this realm, not meant for the API. */
    private static final String OTHER_CLIENT = "familyhub-it-other";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int HUB_PORT = TestKeycloak.freePort();
    private static TestKeycloak keycloak;
    private static String uiSecret;
    private static final Map<String, String> passwords = new HashMap<>();
    private static final Map<String, String> userIds = new HashMap<>();
    /** A signing key the test holds that the realm also holds (so it is in the realm's JWKS), at a low priority. */
    private static RSAKey realmTestKey;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = TestKeycloak.start(REALM_FILE, REALM, Map.of("FAMILYHUB_UI_URL", hub()));
        TestKeycloak.Admin admin = keycloak.admin(REALM);

        String ui = admin.clientId("familyhub-ui");
        uiSecret = admin.get("/clients/" + ui + "/client-secret").get("value").asText();
        List<Map<String, Object>> uiMappers = new ArrayList<>();
        for (JsonNode m : admin.get("/clients/" + ui).get("protocolMappers")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> mapper = JSON.convertValue(m, Map.class);
            mapper.remove("id");
            uiMappers.add(mapper);
        }
        admin.post("/clients", Map.of("clientId", TEST_CLIENT, "publicClient", true, "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false, "protocolMappers", uiMappers));
        admin.post("/clients", Map.of("clientId", OTHER_CLIENT, "publicClient", true, "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false));

        String api = admin.clientId("familyhub-api");
        admin.post("/clients/" + api + "/roles", Map.of("name", "auditor"));

        user(admin, "it-ig", Map.of(), u -> admin.grantRealmRole(u, "ig-officer"));
        user(admin, "it-police", Map.of("partner", List.of("police")), u -> admin.grantRealmRole(u, "partner-it"));
        user(admin, "it-school", Map.of("partner", List.of("school")), u -> admin.grantRealmRole(u, "partner-it"));
        user(admin, "it-kw", Map.of(), u -> admin.grantRealmRole(u, "key-worker"));
        user(admin, "it-auditor", Map.of(), u -> admin.grantClientRole(u, api, "auditor")); // a client role, no realm role

        realmTestKey = new RSAKeyGenerator(2048).generate();
        String realmId = admin.get("").get("id").asText();
        admin.post("/components", Map.of("name", "familyhub-it key", "providerId", "rsa",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of("10"), "enabled", List.of("true"), "active", List.of("true"),
                        "algorithm", List.of("RS256"),
                        "privateKey", List.of(Base64.getEncoder().encodeToString(realmTestKey.toPrivateKey().getEncoded())))));
        JsonNode jwks = JSON.readTree(URI.create(keycloak.issuer(REALM) + "/protocol/openid-connect/certs").toURL());
        String modulus = realmTestKey.getModulus().toString();
        String kid = null;
        for (JsonNode k : jwks.get("keys")) {
            if (modulus.equals(k.path("n").asText())) {
                kid = k.get("kid").asText();
            }
        }
        assertThat(kid).as("the test key in the realm's JWKS %s", jwks).isNotNull();
        realmTestKey = new RSAKey.Builder(realmTestKey).keyID(kid).build();
    }

    private static void user(TestKeycloak.Admin admin, String name, Map<String, List<String>> attributes, Consumer<String> roles) {
        String password = UUID.randomUUID().toString();
        String id = admin.createUser(name, password, attributes);
        roles.accept(id);
        passwords.put(name, password);
        userIds.put(name, id);
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @DynamicPropertySource
    static void signInWithKeycloak(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> HUB_PORT);
        registry.add("familyhub.security.oidc.issuer-uri", () -> keycloak.issuer(REALM));
        registry.add("familyhub.security.oidc.client-secret", () -> uiSecret);
    }

    private static String hub() {
        return "http://127.0.0.1:" + HUB_PORT;
    }

    private static String token(String user) {
        return keycloak.passwordGrant(REALM, TEST_CLIENT, user, passwords.get(user));
    }

    // ---- the API with Keycloak's tokens ----

    @Test
    void anIgOfficerReadsAgreements() {
        Response r = get("/api/agreements", token("it-ig"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json()).isNotEmpty();
        assertThat(r.json().get(0).has("agreementId")).isTrue();
    }

    @Test
    void aPartnerItSeesOnlyItsOwnPartner() throws IOException {
        String police = token("it-police");
        String school = token("it-school");
        assertThat(claims(police).getClaim("partner")).isEqualTo("police");

        // a real batch of school's, pushed by school's IT with its token
        byte[] attendance = Files.readAllBytes(Path.of("connectors/partners/school/samples/attendance.xml"));
        Response push = post("/api/feeds/school", school, attendance);
        assertThat(push.status()).as(push.body()).isEqualTo(202);
        String batch = push.json().get("batchId").asText();

        assertThat(get("/api/feeds/school/batches/" + batch, school).status()).isEqualTo(200);
        Response theirs = get("/api/feeds/school/batches/" + batch, police);
        assertThat(theirs.status()).isEqualTo(403);
        assertThat(theirs.json().get("error").asText()).contains("it-police", "police", "school");

        assertThat(get("/api/quarantine?partner=police", police).status()).isEqualTo(200);
        assertThat(get("/api/quarantine?partner=school", police).status()).isEqualTo(403);
        assertThat(post("/api/feeds/school", police, attendance).status()).isEqualTo(403);
    }

    @Test
    void aKeyWorkerMayNotReadAgreements() {
        String kw = token("it-kw");
        assertThat(get("/api/agreements", kw).status()).isEqualTo(403);
        assertThat(get("/api/quarantine?partner=police", kw).status()).isEqualTo(403);
    }

    @Test
    void aClientRoleOfTheApiClientCountsLikeARealmRole() throws ParseException {
        String auditor = token("it-auditor");
        assertThat(claims(auditor).getJSONObjectClaim("resource_access")).containsKey("familyhub-api");
        assertThat(get("/api/audit/verify", auditor).status()).isEqualTo(200);
        assertThat(get("/api/agreements", auditor).status()).isEqualTo(403);
    }

    @Test
    void aTokenSignedWithTheRealmsKeyIsAcceptedUntilItExpires() throws Exception {
        JWTClaimsSet real = claims(token("it-ig"));
        // control: the same claims, signed by a key the realm publishes → accepted, so the refusals below are for
        // what each one changes and nothing else
        assertThat(get("/api/agreements", sign(realmTestKey, realmTestKey.getKeyID(), real, b -> { })).status())
                .isEqualTo(200);

        Instant hourAgo = Instant.now().minusSeconds(3600);
        String expired = sign(realmTestKey, realmTestKey.getKeyID(), real, b -> b
                .issueTime(Date.from(hourAgo)).expirationTime(Date.from(hourAgo.plusSeconds(300))));
        Response r = get("/api/agreements", expired);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        assertThat(r.json().get("error").asText()).contains("expired");

        String otherAudience = sign(realmTestKey, realmTestKey.getKeyID(), real, b -> b.audience(List.of("account")));
        assertThat(get("/api/agreements", otherAudience).status()).isEqualTo(401);

        String otherIssuer = sign(realmTestKey, realmTestKey.getKeyID(), real,
                b -> b.issuer(keycloak.baseUrl() + "/realms/master"));
        assertThat(get("/api/agreements", otherIssuer).status()).isEqualTo(401);
    }

    @Test
    void aForgedTokenIsRefused() throws Exception {
        String genuine = token("it-ig");
        assertThat(get("/api/agreements", genuine).status()).isEqualTo(200);
        // the genuine claims and Keycloak's own key id, signed by a key that is not Keycloak's
        String keycloakKid = SignedJWT.parse(genuine).getHeader().getKeyID();
        String forged = sign(new RSAKeyGenerator(2048).generate(), keycloakKid, claims(genuine), b -> { });
        assertThat(get("/api/agreements", forged).status()).isEqualTo(401);
        // and unsigned
        String[] parts = genuine.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + parts[1] + ".";
        assertThat(get("/api/agreements", none).status()).isEqualTo(401);
    }

    @Test
    void aGenuineTokenForAnotherAudienceIsRefused() throws ParseException {
        String other = keycloak.passwordGrant(REALM, OTHER_CLIENT, "it-ig", passwords.get("it-ig"));
        List<String> aud = claims(other).getAudience();
        assertThat(aud).doesNotContain("familyhub-api");
        assertThat(claims(other).getJSONObjectClaim("realm_access").get("roles").toString()).contains("ig-officer");
        assertThat(get("/api/agreements", other).status()).isEqualTo(401);
    }

    @Test
    void withoutATokenOrWithADemoUserTheApiSaysWhoAreYou() {
        Response none = send(HttpRequest.newBuilder(URI.create(hub() + "/api/agreements")).GET());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(none.json().get("error").asText()).isEqualTo("authentication required");
        Response basic = send(HttpRequest.newBuilder(URI.create(hub() + "/api/agreements"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ig1:ig1".getBytes())).GET());
        assertThat(basic.status()).isEqualTo(401);
        assertThat(get("/api/agreements", "not-a-jwt").status()).isEqualTo(401);
    }

    // ---- the browser: authorization code and RP-initiated logout ----

    @Test
    void aPersonSignsInAtKeycloakAndSigningOutEndsTheKeycloakSession() {
        Browser browser = new Browser();
        Response login = browser.open(hub() + "/");
        assertThat(login.uri()).startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/auth");
        Response home = browser.submitLogin(login, "it-police", passwords.get("it-police"));
        assertThat(home.uri()).as("signed in and back at the hub, not at %s", home.body()).startsWith(hub() + "/");
        assertThat(home.body()).contains("<b id=\"user\">it-police</b>", "<b id=\"partner\">police</b>",
                "<span id=\"roles\">partner-it</span>");
        assertThat(sessions("it-police")).isPositive();
        // the API takes bearer tokens only, never the browser's session
        assertThat(browser.open(hub() + "/api/quarantine?partner=police").status()).isEqualTo(401);

        // while the Keycloak session lives, signing in again needs no password
        Response again = browser.open(hub() + "/oauth2/authorization/keycloak");
        assertThat(again.uri()).startsWith(hub() + "/");
        assertThat(again.body()).contains("<b id=\"user\">it-police</b>");

        // the form on the page (a new sign-in is a new session, with a new CSRF token)
        Response signOut = browser.post(hub() + "/logout", Map.of("_csrf", csrf(again.body())));
        assertThat(signOut.status()).isEqualTo(302);
        String endSession = signOut.header("Location");
        assertThat(endSession).startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/logout")
                .contains("id_token_hint=", "post_logout_redirect_uri=");
        Response after = browser.open(endSession);
        assertThat(sessions("it-police")).isZero();
        // back at the hub, signed out of both: Keycloak asks for the password again
        assertThat(after.uri()).startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/auth");
        assertThat(after.body()).contains("kc-form-login");
        assertThat(browser.open(hub() + "/").body()).contains("kc-form-login");
    }

    private int sessions(String user) {
        return keycloak.admin(REALM).get("/users/" + userIds.get(user) + "/sessions").size();
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF field in %s", page).isTrue();
        return HtmlUtils.htmlUnescape(m.group(1));
    }

    /** A cookie-keeping client that follows redirects itself, so the test sees each hop. */
    private final class Browser {
        private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieJar()).build();

        Response open(String url) {
            return follow(send(client, HttpRequest.newBuilder(URI.create(url)).GET()));
        }

        Response post(String url, Map<String, String> form) {
            return send(client, HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(form))));
        }

        Response submitLogin(Response loginPage, String user, String password) {
            Matcher form = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>").matcher(loginPage.body());
            assertThat(form.find()).as("Keycloak's login form in %s", loginPage.body()).isTrue();
            Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(form.group());
            assertThat(action.find()).isTrue();
            return follow(post(HtmlUtils.htmlUnescape(action.group(1)),
                    Map.of("username", user, "password", password, "credentialId", "")));
        }

        private Response follow(Response r) {
            for (int hops = 0; r.status() / 100 == 3 && hops < 20; hops++) {
                URI next = URI.create(r.uri()).resolve(r.header("Location"));
                r = send(client, HttpRequest.newBuilder(next).GET());
            }
            return r;
        }
    }

    private static String form(Map<String, String> form) {
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return b.toString();
    }

    // ---- tokens ----

    private static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code claims} changed by {@code change}, valid for five more minutes unless changed, signed RS256 by {@code key}. */
    private static String sign(RSAKey key, String kid, JWTClaimsSet claims, Consumer<JWTClaimsSet.Builder> change)
            throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder(claims).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
        change.accept(b);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
                b.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    // ---- HTTP ----

    private Response get(String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(hub() + path)).header("Authorization", "Bearer " + bearer).GET());
    }

    private Response post(String path, String bearer, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(hub() + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Response send(HttpRequest.Builder b) {
        return send(http, b);
    }

    private static Response send(HttpClient client, HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.uri().toString(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Response(int status, String uri, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }
}
