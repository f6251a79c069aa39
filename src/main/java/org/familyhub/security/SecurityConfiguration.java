package org.familyhub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** Every {@code /api} call is authenticated; URL rules give each role of DESIGN §9 its calls, controllers scope partners. */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    private static final String IG = Role.IG_OFFICER.name();
    private static final String PARTNER_IT = Role.PARTNER_IT.name();
    private static final String DATA_TEAM = Role.DATA_TEAM.name();
    private static final String KEY_WORKER = Role.KEY_WORKER.name();

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable()) // stateless API with credentials on every call: no session cookie to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) ->
                        error(json, res, HttpServletResponse.SC_UNAUTHORIZED, "authentication required")))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((req, res, e) ->
                                error(json, res, HttpServletResponse.SC_UNAUTHORIZED, "authentication required"))
                        .accessDeniedHandler((req, res, e) ->
                                error(json, res, HttpServletResponse.SC_FORBIDDEN, "not allowed: " + e.getMessage())))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/feeds/*").hasRole(PARTNER_IT)
                        .requestMatchers(HttpMethod.GET, "/api/feeds/**", "/api/quarantine").hasAnyRole(PARTNER_IT, IG)
                        .requestMatchers(HttpMethod.GET, "/api/connectors").hasAnyRole(PARTNER_IT, IG, DATA_TEAM)
                        .requestMatchers("/api/gateways", "/api/agreements", "/api/agreements/**", "/api/consents",
                                "/api/consents/**").hasRole(IG)
                        .requestMatchers(HttpMethod.GET, "/api/audit", "/api/audit/verify").hasAnyRole(IG, "AUDITOR")
                        .requestMatchers(HttpMethod.GET, "/api/people/*/access-report").hasRole(IG)
                        .requestMatchers(HttpMethod.POST, "/api/families/*/allocation").hasRole(DATA_TEAM)
                        .requestMatchers(HttpMethod.GET, "/api/families", "/api/families/**").hasAnyRole(KEY_WORKER, DATA_TEAM)
                        .requestMatchers("/api/linkage/**").hasRole(DATA_TEAM)
                        .requestMatchers(HttpMethod.GET, "/api/outbound/status", "/api/outbound/dead-letters").hasRole(DATA_TEAM)
                        .requestMatchers(HttpMethod.POST, "/api/outbound/dead-letters/*/replay").hasRole(DATA_TEAM)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    static void error(ObjectMapper json, HttpServletResponse res, int status, String message) throws IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(res.getOutputStream(), Map.of("error", message));
    }
}
