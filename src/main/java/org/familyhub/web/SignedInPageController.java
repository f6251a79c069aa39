package org.familyhub.web;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.familyhub.security.Caller;
import org.familyhub.security.Role;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * A placeholder home page until the UI arrives: who is signed in, with which roles, and a sign-out button (which, with
 * Keycloak, also ends the Keycloak session).
 */
@Controller
public class SignedInPageController {

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    public String home(Authentication auth, CsrfToken csrf) {
        Caller caller = new Caller(auth);
        String roles = Arrays.stream(Role.values()).filter(caller::has).map(Role::id).collect(Collectors.joining(", "));
        String partner = caller.partner().map(p -> " for partner <b id=\"partner\">" + esc(p) + "</b>").orElse("");
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>familyhub</title></head>
                <body>
                <h1>familyhub</h1>
                <p>Signed in as <b id="user">%s</b>%s, roles: <span id="roles">%s</span>.</p>
                <p>The pages of the hub come next; the API is at <a href="/swagger-ui.html">/swagger-ui.html</a>.</p>
                <form method="post" action="/logout"><input type="hidden" name="%s" value="%s"><button>Sign out</button></form>
                </body></html>
                """.formatted(esc(caller.name()), partner, roles.isEmpty() ? "none" : esc(roles),
                esc(csrf.getParameterName()), esc(csrf.getToken()));
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
