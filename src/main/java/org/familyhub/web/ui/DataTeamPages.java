package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.familyhub.consent.Purposes;
import org.familyhub.web.ApiError;
import org.familyhub.web.FamilyController;
import org.familyhub.web.LinkageReviewController;
import org.familyhub.web.OutboundController;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The data team's pages: every family and its eligibility (paged), the linkage review queue, outbound dead letters. */
@Controller
public class DataTeamPages {

    private static final int PAGE_SIZE = 50;
    private static final List<String> PURPOSES = Purposes.ALL.stream().filter(p -> !p.equals("case-coordination")).toList();

    private final FamilyController families;
    private final LinkageReviewController linkage;
    private final OutboundController outbound;

    public DataTeamPages(FamilyController families, LinkageReviewController linkage, OutboundController outbound) {
        this.families = families;
        this.linkage = linkage;
        this.outbound = outbound;
    }

    /** Filters here are not personal data (eligible or not, a page number, a purpose), so they may be in the URL. */
    @GetMapping("/data/families")
    public String families(@RequestParam(defaultValue = "true") String eligible, @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "identification") String purpose, Authentication auth, Model model) {
        Boolean filter = "all".equals(eligible) ? null : Boolean.valueOf(eligible);
        int p = Math.max(0, page);
        model.addAttribute("list", families.list(filter, p, PAGE_SIZE, auth, purpose));
        model.addAttribute("eligible", filter == null ? "all" : filter.toString());
        model.addAttribute("page", p);
        model.addAttribute("pageSize", PAGE_SIZE);
        model.addAttribute("purpose", purpose);
        model.addAttribute("purposes", PURPOSES);
        return "data/families";
    }

    @GetMapping("/data/linkage")
    public String reviews(Authentication auth, Model model) {
        model.addAttribute("reviews", linkage.reviews(50, auth));
        return "data/linkage";
    }

    @PostMapping("/data/linkage/{reviewId}")
    public String decide(@PathVariable long reviewId, @RequestParam(required = false) String decision, Authentication auth,
                         RedirectAttributes redirect) {
        try {
            linkage.decide(reviewId, new LinkageReviewController.DecisionRequest(decision), auth);
            redirect.addFlashAttribute("success", "Review " + reviewId + ": "
                    + ("MATCH".equals(decision) ? "confirmed as the same person" : "kept apart as different people"));
        } catch (ApiError e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/data/linkage";
    }

    @GetMapping("/data/outbound")
    public String outbound(Model model) {
        model.addAttribute("systems", outbound.status());
        model.addAttribute("deadLetters", outbound.deadLetters(200));
        return "data/outbound";
    }

    @PostMapping("/data/outbound/{id}/replay")
    public String replay(@PathVariable long id, Authentication auth, RedirectAttributes redirect, HttpServletResponse res) {
        try {
            outbound.replay(id, auth);
            redirect.addFlashAttribute("success", "Message " + id + " is back in the outbox, with the same notification id.");
        } catch (ApiError e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/data/outbound";
    }
}
