package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.familyhub.security.Caller;
import org.familyhub.security.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/** What every page's layout shows: the user, their roles and partner, and their role's navigation. */
@ControllerAdvice(basePackages = {"org.familyhub.web.ui", "org.springframework.boot.autoconfigure.web.servlet.error"})
public class UiModelAdvice {

    @ModelAttribute
    public void layout(Model model, HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("govukVersion", UiConfiguration.GOVUK_FRONTEND_VERSION);
        model.addAttribute("currentPath", request.getRequestURI());
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            model.addAttribute("nav", List.of());
            return;
        }
        Caller caller = new Caller(auth);
        model.addAttribute("user", caller.name());
        model.addAttribute("partner", caller.partner().orElse(null));
        model.addAttribute("roles", Arrays.stream(Role.values()).filter(caller::has).map(Role::id).collect(Collectors.joining(", ")));
        List<Navigation.Link> nav = Navigation.forCaller(caller);
        model.addAttribute("nav", nav);
        // the section the page belongs to: the longest link that is the path or a folder above it
        String path = request.getRequestURI();
        model.addAttribute("activeHref", nav.stream().map(Navigation.Link::href)
                .filter(h -> path.equals(h) || path.startsWith(h + "/")).max(java.util.Comparator.comparingInt(String::length))
                .orElse(null));
    }
}
