package org.familyhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.familyhub.support.CookieJar;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The embedded default in a browser: the demo users sign in with a form, get their start page, and sign out. */
@HubIntegrationTest
class BrowserSignInIT {

    @LocalServerPort
    int port;

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieJar()).build();

    @Test
    void aDemoUserSignsInWithTheFormAndOut() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(location(home)).endsWith("/login");
        // the session cookie (made to remember the page asked for) is kept from scripts and other sites
        assertThat(home.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("JSESSIONID=").contains("; Secure", "; HttpOnly", "; SameSite=Lax"));

        HttpResponse<String> loginPage = get("/login");
        assertThat(loginPage.statusCode()).isEqualTo(200);
        // safe pages: no inline script or style, and a session cookie that scripts and other sites cannot use
        assertThat(loginPage.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'").doesNotContain("unsafe-inline");
        HttpResponse<String> wrong = post("/login", Map.of("username", "ig1", "password", "wrong", "_csrf", csrf(loginPage.body())));
        assertThat(location(wrong)).endsWith("/login?error");

        loginPage = get("/login");
        HttpResponse<String> signedIn = post("/login", Map.of("username", "police-it", "password", "police-it",
                "_csrf", csrf(loginPage.body())));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<b id=\"user\">police-it</b>", "<b id=\"partner\">police</b>",
                "<span id=\"roles\">partner-it</span>");
        // their role's sections only, and another role's page is a GOV.UK 403 page, not a stack trace
        assertThat(home.body()).contains("href=\"/partner/quarantine\"").doesNotContain("href=\"/ig/agreements\"");
        HttpResponse<String> other = get("/ig/agreements");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("You do not have access to this page", "govuk-template").doesNotContain("Exception");
        HttpResponse<String> missing = get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found", "govuk-template");

        // the API does not take the browser's session (it has no CSRF protection): credentials on every call
        assertThat(get("/api/quarantine?partner=police").statusCode()).isEqualTo(401);

        HttpResponse<String> withoutToken = post("/logout", Map.of());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> signedOut = post("/logout", Map.of("_csrf", csrf(home.body())));
        assertThat(location(signedOut)).endsWith("/login?logout");
        assertThat(get("/").statusCode()).isEqualTo(302);
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF field in %s", page).isTrue();
        return m.group(1);
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build(), // as a browser asks
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
