package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.familyhub.security.Caller;
import org.familyhub.security.PurposePolicy;
import org.familyhub.web.ApiError;
import org.familyhub.web.FamilyController;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A key worker's pages: find a family for a stated purpose, the whole-family view and who else works with it. The
 * search terms, purpose and justification travel in POST bodies and the session, never in a URL (URLs are logged);
 * only the hub's own family id (no personal data) does. Reads go through {@link FamilyController}, so they are
 * checked, filtered by purpose and audited exactly as API reads are.
 */
@Controller
public class KeyWorkerPages {

    static final String PURPOSE = "familyhub.kw.purpose";
    static final String JUSTIFICATIONS = "familyhub.kw.justifications";

    private final FamilyController families;

    public KeyWorkerPages(FamilyController families) {
        this.families = families;
    }

    /** The search form's fields (a POST body). */
    public record SearchForm(String purpose, String givenName, String familyName, String dobDay, String dobMonth,
                             String dobYear, String postcode, String nhsNumber, String nino, String upn,
                             String justification) {
    }

    @ModelAttribute("purposes")
    List<String> purposes(Authentication auth) {
        return List.copyOf(PurposePolicy.allowed(new Caller(auth)));
    }

    @GetMapping("/kw/search")
    public String searchForm(Model model, HttpSession session) {
        model.addAttribute("form", new SearchForm((String) session.getAttribute(PURPOSE), null, null, null, null, null,
                null, null, null, null, null));
        model.addAttribute("errors", new FormErrors());
        return "kw/search";
    }

    @PostMapping("/kw/search")
    public String search(SearchForm form, Authentication auth, HttpSession session, Model model, HttpServletResponse res) {
        FormErrors errors = new FormErrors();
        if (FormErrors.blank(form.purpose())) {
            errors.add("purpose", "Select why you need to see this family");
        }
        LocalDate dob = null;
        boolean anyDob = !FormErrors.blank(form.dobDay()) || !FormErrors.blank(form.dobMonth()) || !FormErrors.blank(form.dobYear());
        if (anyDob) {
            try {
                dob = LocalDate.of(Integer.parseInt(form.dobYear().trim()), Integer.parseInt(form.dobMonth().trim()),
                        Integer.parseInt(form.dobDay().trim()));
            } catch (NumberFormatException | NullPointerException | DateTimeException e) {
                errors.add("dob-day", "Date of birth must be a real date, for example 27 3 2014");
            }
        }
        boolean anyTerm = !FormErrors.blank(form.familyName()) || anyDob || !FormErrors.blank(form.postcode())
                || !FormErrors.blank(form.nhsNumber()) || !FormErrors.blank(form.nino()) || !FormErrors.blank(form.upn());
        if (!anyTerm) {
            errors.add("familyName", "Enter a family name, date of birth, postcode or identifier");
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            res.setStatus(400);
            return "kw/search";
        }
        String justification = FormErrors.blank(form.justification()) ? null : form.justification().trim();
        Map<String, Object> found;
        try {
            found = families.search(form.givenName(), form.familyName(), dob, form.postcode(), form.nhsNumber(),
                    form.nino(), form.upn(), auth, form.purpose(), justification);
        } catch (AccessDeniedException | ApiError | PurposePolicy.MissingPurposeException e) {
            errors.add("purpose", e.getMessage());
            res.setStatus(400);
            return "kw/search";
        }
        session.setAttribute(PURPOSE, form.purpose());
        boolean breakGlass = Boolean.TRUE.equals(found.get("breakGlass"));
        if (breakGlass) {
            // the justification covers opening the families this search found, in this session only
            Map<String, String> justified = justifications(session);
            for (Object item : (List<?>) found.get("items")) {
                justified.put((String) ((Map<?, ?>) item).get("familyId"), justification);
            }
            session.setAttribute(JUSTIFICATIONS, justified);
        }
        model.addAttribute("results", found.get("items"));
        model.addAttribute("breakGlass", breakGlass);
        return "kw/search";
    }

    @GetMapping("/kw/families")
    public String caseload(@RequestParam(defaultValue = "0") int page, Authentication auth, HttpSession session, Model model) {
        String purpose = purposeOr(session, "case-coordination");
        model.addAttribute("purpose", purpose);
        model.addAttribute("list", families.list(null, Math.max(0, page), 50, auth, purpose));
        model.addAttribute("page", Math.max(0, page));
        return "kw/caseload";
    }

    @GetMapping("/kw/families/{familyId}")
    public String family(@PathVariable String familyId, Authentication auth, HttpSession session, Model model,
                         HttpServletResponse res, RedirectAttributes redirect) {
        String purpose = (String) session.getAttribute(PURPOSE);
        model.addAttribute("familyId", familyId);
        if (purpose == null) {
            model.addAttribute("errors", new FormErrors());
            model.addAttribute("reason", "purpose");
            return "kw/refused";
        }
        String justification = justifications(session).get(familyId);
        try {
            Map<String, Object> family = families.family(familyId, auth, purpose, justification);
            model.addAttribute("family", family);
            model.addAttribute("workers", professionals(families.workers(familyId, auth, purpose, justification), family));
        } catch (AccessDeniedException e) {
            res.setStatus(403);
            model.addAttribute("errors", new FormErrors());
            model.addAttribute("reason", "allocation");
            return "kw/refused";
        }
        return "kw/family";
    }

    /** The refused page's form: a purpose and a written justification to open a family not allocated to you. */
    @PostMapping("/kw/families/{familyId}/access")
    public String access(@PathVariable String familyId, @RequestParam(required = false) String purpose,
                         @RequestParam(required = false) String justification, @RequestParam(required = false) String reason,
                         HttpSession session, Model model, HttpServletResponse res) {
        FormErrors errors = new FormErrors();
        if (FormErrors.blank(purpose)) {
            errors.add("purpose", "Select why you need to see this family");
        }
        boolean needsJustification = !"purpose".equals(reason);
        if (needsJustification && (justification == null || justification.trim().length() < 10)) {
            errors.add("justification", "Explain why you need to see a family not allocated to you (at least 10 characters)");
        }
        if (!errors.isEmpty()) {
            res.setStatus(400);
            model.addAttribute("familyId", familyId);
            model.addAttribute("errors", errors);
            model.addAttribute("reason", needsJustification ? "allocation" : "purpose");
            return "kw/refused";
        }
        session.setAttribute(PURPOSE, purpose);
        if (needsJustification) {
            Map<String, String> justified = justifications(session);
            justified.put(familyId, justification.trim());
            session.setAttribute(JUSTIFICATIONS, justified);
        }
        return "redirect:/kw/families/" + familyId;
    }

    /**
     * Who works with the family, one row per professional (the API gives one per record that names them), each with
     * the records that name them: the member, partner, record, basis and purposes, so every contact says where it is from.
     */
    static List<Map<String, Object>> professionals(List<Map<String, Object>> workers, Map<String, Object> family) {
        Map<Object, Object> names = new HashMap<>();
        if (family.get("members") instanceof List<?> members) {
            for (Object m : members) {
                Map<?, ?> member = (Map<?, ?>) m;
                names.put(member.get("personId"), member.get("givenName") + " " + member.get("familyName"));
            }
        }
        Map<List<Object>, Map<String, Object>> byProfessional = new LinkedHashMap<>();
        for (Map<String, Object> w : workers) {
            List<Object> who = Arrays.asList(w.get("professional"), w.get("service"), w.get("role"), w.get("phone"), w.get("email"));
            Map<String, Object> row = byProfessional.computeIfAbsent(who, k -> {
                Map<String, Object> r = new LinkedHashMap<>(w);
                r.remove("since");
                r.put("sources", new ArrayList<Map<String, Object>>());
                return r;
            });
            if (w.get("since") != null && (row.get("since") == null
                    || w.get("since").toString().compareTo(row.get("since").toString()) < 0)) {
                row.put("since", w.get("since"));
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("member", names.getOrDefault(w.get("personId"), w.get("personId")));
            source.put("partner", w.get("partner"));
            source.put("sourceRecordId", w.get("sourceRecordId"));
            source.put("basis", w.get("basis"));
            source.put("purposes", w.get("purposes"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sources = (List<Map<String, Object>>) row.get("sources");
            sources.add(source);
        }
        return List.copyOf(byProfessional.values());
    }

    private static String purposeOr(HttpSession session, String fallback) {
        Object p = session.getAttribute(PURPOSE);
        return p == null ? fallback : (String) p;
    }

    /**
     * A copy of the session's justifications. A change must be set back on the session: the session lives in
     * PostgreSQL (any replica serves the next request) and only attributes set again are written back.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> justifications(HttpSession session) {
        Map<String, String> m = (Map<String, String>) session.getAttribute(JUSTIFICATIONS);
        return m == null ? new HashMap<>() : new HashMap<>(m);
    }
}
