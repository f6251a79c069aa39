package org.familyhub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.util.HtmlUtils;

/**
 * Who may do what: the URL rules of {@link #apiRules} give each role of DESIGN §9 its calls (controllers scope
 * partners), whoever vouches for the caller. That is the demo users with HTTP Basic in the embedded default, or, when
 * a Keycloak is configured ({@link OidcSecurityConfiguration}), only bearer tokens from it. The browser (every other
 * path) signs in with a form for the demo users, or with Keycloak's authorization-code flow.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    private static final String IG = Role.IG_OFFICER.name();
    private static final String PARTNER_IT = Role.PARTNER_IT.name();
    private static final String DATA_TEAM = Role.DATA_TEAM.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String KEY_WORKER = Role.KEY_WORKER.name();

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, ObjectProvider<OidcSignIn> oidc) throws Exception {
        OidcSignIn signIn = oidc.getIfAvailable();
        AccessDeniedHandler forbidden = (req, res, e) ->
                error(json, res, HttpServletResponse.SC_FORBIDDEN, "not allowed: " + e.getMessage());
        AuthenticationEntryPoint unauthorized;
        if (signIn == null) {
            unauthorized = (req, res, e) -> error(json, res, HttpServletResponse.SC_UNAUTHORIZED, "authentication required");
        } else {
            BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint(); // WWW-Authenticate
            unauthorized = (req, res, e) -> {
                bearer.commence(req, res, e);
                error(json, res, HttpServletResponse.SC_UNAUTHORIZED, req.getHeader("Authorization") == null
                        ? "authentication required" : "invalid bearer token: " + e.getMessage());
            };
        }
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable()) // stateless API with credentials on every call: no session cookie to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(x -> x.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(SecurityConfiguration::apiRules);
        if (signIn == null) {
            http.httpBasic(b -> b.authenticationEntryPoint(unauthorized));
        } else {
            http.oauth2ResourceServer(o -> o
                    .jwt(j -> j.decoder(signIn.decoder()).jwtAuthenticationConverter(signIn.roles()))
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden));
        }
        return http.build();
    }

    /** The one table of who may call what (DESIGN §9); anything not listed is refused. */
    static void apiRules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
        a.requestMatchers(HttpMethod.POST, "/api/feeds/*").hasRole(PARTNER_IT)
                .requestMatchers(HttpMethod.GET, "/api/feeds/**", "/api/quarantine").hasAnyRole(PARTNER_IT, IG)
                .requestMatchers(HttpMethod.GET, "/api/connectors").hasAnyRole(PARTNER_IT, IG, DATA_TEAM)
                .requestMatchers("/api/gateways", "/api/agreements", "/api/agreements/**", "/api/consents",
                        "/api/consents/**").hasRole(IG)
                .requestMatchers(HttpMethod.GET, "/api/audit", "/api/audit/verify").hasAnyRole(IG, AUDITOR)
                .requestMatchers(HttpMethod.GET, "/api/people/*/access-report").hasRole(IG)
                .requestMatchers(HttpMethod.POST, "/api/families/*/allocation", "/api/families/*/closure").hasRole(DATA_TEAM)
                .requestMatchers(HttpMethod.GET, "/api/families", "/api/families/**").hasAnyRole(KEY_WORKER, DATA_TEAM)
                .requestMatchers("/api/linkage/**").hasRole(DATA_TEAM)
                .requestMatchers(HttpMethod.GET, "/api/outbound/status", "/api/outbound/dead-letters").hasRole(DATA_TEAM)
                .requestMatchers(HttpMethod.POST, "/api/outbound/dead-letters/*/replay").hasRole(DATA_TEAM)
                .requestMatchers(HttpMethod.GET, "/api/claims", "/api/claims/*").hasRole(DATA_TEAM)
                .anyRequest().denyAll();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    /** Pages for people (the UI): a session cookie, CSRF-protected forms, sign-in and sign-out. */
    @Bean
    @Order(3)
    SecurityFilterChain browser(HttpSecurity http, ObjectProvider<OidcSignIn> oidc) throws Exception {
        OidcSignIn signIn = oidc.getIfAvailable();
        http.authorizeHttpRequests(SecurityConfiguration::pageRules)
                // no inline script or style anywhere: the pages load /js and /css files and the GOV.UK webjar only
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY)));
        if (signIn == null) {
            http.formLogin(f -> f.loginPage("/login").permitAll()).logout(Customizer.withDefaults());
        } else {
            http.oauth2Login(o -> o
                            .loginPage(signIn.loginPath()) // straight to Keycloak: it is the only way in
                            .clientRegistrationRepository(signIn.clients())
                            // the tokens live in the user's session and go with it, not in a map of every user
                            .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                            .userInfoEndpoint(u -> u.oidcUserService(signIn.userService()))
                            // a page, not the login path again: a refused sign-in must not loop through Keycloak
                            .failureHandler((req, res, e) -> signInFailed(res, e.getMessage())))
                    .logout(l -> l.logoutSuccessHandler(signIn.logoutSuccessHandler()));
        }
        return http.build();
    }

    /** No inline script or style; form-action is left open since sign-out may redirect to the identity provider. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /** The pages of each role (DESIGN §9): a page outside the user's role is a 403 page. */
    static void pageRules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
        a.requestMatchers("/error", "/webjars/**", "/assets/**", "/css/**", "/js/**", "/favicon.ico").permitAll()
                .requestMatchers("/ig/**").hasRole(IG)
                .requestMatchers("/audit", "/audit/**").hasAnyRole(IG, AUDITOR)
                .requestMatchers("/partner/**").hasRole(PARTNER_IT)
                .requestMatchers("/kw/**").hasRole(KEY_WORKER)
                .requestMatchers("/data/**").hasRole(DATA_TEAM)
                .anyRequest().authenticated();
    }

    private static void signInFailed(HttpServletResponse res, String reason) throws IOException {
        res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        res.setContentType(MediaType.TEXT_HTML_VALUE);
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        res.getWriter().write("<!doctype html><title>familyhub: sign-in failed</title><h1>Sign-in failed</h1><p>"
                + HtmlUtils.htmlEscape(reason == null ? "" : reason) + "</p><p><a href=\"/\">Try again</a></p>");
    }

    static void error(ObjectMapper json, HttpServletResponse res, int status, String message) throws IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(res.getOutputStream(), Map.of("error", message));
    }
}
