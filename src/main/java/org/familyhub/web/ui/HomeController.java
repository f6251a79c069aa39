package org.familyhub.web.ui;

import org.familyhub.security.OidcSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page (who is signed in and their role's sections) and, for the demo users, the sign-in page. */
@Controller
public class HomeController {

    private final ObjectProvider<OidcSignIn> oidc;

    public HomeController(ObjectProvider<OidcSignIn> oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/")
    public String home() {
        return "home";
    }

    @GetMapping("/login")
    public String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                        Model model) {
        OidcSignIn signIn = oidc.getIfAvailable();
        model.addAttribute("signInError", error != null);
        model.addAttribute("signedOut", logout != null);
        return signIn == null ? "login" : "redirect:" + signIn.loginPath(); // with Keycloak, it is the only way in
    }
}
