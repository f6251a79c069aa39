package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.familyhub.security.PurposePolicy;
import org.familyhub.web.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The pages' errors are GOV.UK error pages with the status, in words, never a stack trace. */
@ControllerAdvice(basePackages = "org.familyhub.web.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(UiErrorAdvice.class);

    private final UiModelAdvice layout;

    public UiErrorAdvice(UiModelAdvice layout) {
        this.layout = layout;
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(AccessDeniedException e, Model model, HttpServletRequest req, HttpServletResponse res) {
        layout.layout(model, req); // @ModelAttribute methods do not run for exception handlers
        res.setStatus(403);
        model.addAttribute("message", e.getMessage());
        return "error/403";
    }

    @ExceptionHandler(ApiError.class)
    String api(ApiError e, Model model, HttpServletRequest req, HttpServletResponse res) {
        layout.layout(model, req);
        res.setStatus(e.status().value());
        model.addAttribute("message", e.getMessage());
        return switch (e.status().value()) {
            case 403 -> "error/403";
            case 404 -> "error/404";
            default -> "error/problem";
        };
    }

    @ExceptionHandler(PurposePolicy.MissingPurposeException.class)
    String purpose(RuntimeException e, Model model, HttpServletRequest req, HttpServletResponse res) {
        layout.layout(model, req);
        res.setStatus(400);
        model.addAttribute("message", e.getMessage());
        return "error/problem";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletRequest req, HttpServletResponse res) {
        log.error("Unexpected error on a page", e);
        layout.layout(model, req);
        res.setStatus(500);
        return "error/5xx";
    }
}
