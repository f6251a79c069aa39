package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.familyhub.claims.ClaimJob;
import org.familyhub.claims.ClaimStore;
import org.familyhub.claims.ClaimWindow;
import org.familyhub.web.ApiError;
import org.familyhub.web.ClaimController;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The data team's claims: those of a claim window, and one claim with its evidence pack. Claims are read through
 * {@link ClaimController}, so each page is read for the purpose {@code claim} and audited exactly as the API is. A
 * window's name and a claim's id are not personal data, so they may be in the URL.
 */
@Controller
public class ClaimPages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DisplayTimes TIMES = new DisplayTimes();

    private final ClaimController claims;
    private final ClaimStore store;
    private final ClaimJob job;
    private final Clock clock;

    public ClaimPages(ClaimController claims, ClaimStore store, ClaimJob job, Clock clock) {
        this.claims = claims;
        this.store = store;
        this.job = job;
        this.clock = clock;
    }

    /** Without a window: the newest window that has claims (else the current one). */
    @GetMapping("/data/claims")
    public String list(@RequestParam(required = false) String period, Authentication auth, Model model, HttpServletResponse res) {
        List<Map<String, Object>> periods = store.periods();
        LocalDate today = LocalDate.now(clock);
        String current = job.window().label(today);
        model.addAttribute("periods", periods);
        List<String> examples = List.of(new ClaimWindow(3).label(today), new ClaimWindow(1).label(today), String.valueOf(today.getYear()));
        model.addAttribute("examples", examples);
        FormErrors errors = new FormErrors();
        model.addAttribute("errors", errors);
        String window;
        if (period == null) {
            window = periods.isEmpty() ? current : (String) periods.get(0).get("period");
        } else if (period.isBlank()) {
            errors.add("period", "Enter a claim window, like " + current);
            window = null;
        } else {
            try {
                window = ClaimController.window(period);
            } catch (ApiError e) {
                errors.add("period", "Enter a claim window like " + examples.get(0) + " (a quarter), " + examples.get(1)
                        + " (a month) or " + examples.get(2) + " (a year)");
                window = null;
            }
        }
        model.addAttribute("period", window == null ? period : window);
        if (!errors.isEmpty()) {
            res.setStatus(400);
            return "data/claims";
        }
        List<Map<String, Object>> found = claims.claims(window, auth, null);
        model.addAttribute("claims", found.stream().map(ClaimPages::row).toList());
        return "data/claims";
    }

    @GetMapping("/data/claims/{claimId}")
    public String claim(@PathVariable String claimId, Authentication auth, Model model) {
        Map<String, Object> claim = row(claims.claim(claimId, auth, null));
        model.addAttribute("claim", claim);
        return "data/claim";
    }

    /** The API's view of a claim with its dates in words, as GOV.UK pages write them, and its status explained. */
    static Map<String, Object> row(Map<String, Object> view) {
        Map<String, Object> r = new LinkedHashMap<>(view);
        r.put("attachedOnText", day(view.get("attachedOn")));
        r.put("evaluatedOnText", day(view.get("evaluatedOn")));
        r.put("createdAtText", time(view.get("createdAt")));
        r.put("sentAtText", time(view.get("sentAt")));
        String status = (String) view.get("status");
        r.put("statusText", switch (status == null ? "" : status) {
            case "SENT" -> "Sent";
            case "WRITTEN" -> "Written to file";
            case "QUEUED" -> "Waiting to be sent";
            case "PENDING" -> "Made, not yet sent";
            default -> status;
        });
        r.put("statusTag", switch (status == null ? "" : status) {
            case "SENT", "WRITTEN" -> "govuk-tag--green";
            case "QUEUED" -> "govuk-tag--yellow";
            default -> "govuk-tag--grey";
        });
        return r;
    }

    private static String day(Object isoDate) {
        return isoDate == null ? null : LocalDate.parse(isoDate.toString()).format(DAY);
    }

    private static String time(Object isoInstant) {
        return TIMES.at(isoInstant);
    }
}
