package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.familyhub.connector.ConnectorCatalog;
import org.familyhub.connector.ConnectorDefinition;
import org.familyhub.consent.Consent;
import org.familyhub.consent.Purposes;
import org.familyhub.record.DataCategory;
import org.familyhub.web.ApiError;
import org.familyhub.web.GovernanceController;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The consent register for IG officers: record a consent, find consents (search terms posted, never in a URL) and
 * withdraw one, which removes at once what relied on it. The rules are {@link GovernanceController}'s.
 */
@Controller
public class ConsentPages {

    private final GovernanceController governance;
    private final ConnectorCatalog connectors;

    public ConsentPages(GovernanceController governance, ConnectorCatalog connectors) {
        this.governance = governance;
        this.connectors = connectors;
    }

    public record SearchForm(String familyName, String dateOfBirth, String nhsNumber, String nino, String upn) {
    }

    public record ConsentForm(String givenName, String familyName, String dateOfBirth, String postcode, String nhsNumber,
                              String nino, String upn, List<String> partners, List<String> categories,
                              List<String> purposes, String givenBy, String givenOn, String expiresOn, String evidence) {
    }

    @ModelAttribute
    void choices(Model model) {
        List<String> partners = new ArrayList<>(List.of("*"));
        connectors.all().stream().map(ConnectorDefinition::partner).sorted().forEach(partners::add);
        model.addAttribute("allPartners", partners);
        model.addAttribute("allCategories", Arrays.stream(DataCategory.values()).map(DataCategory::id).toList());
        model.addAttribute("allPurposes", Purposes.ALL);
    }

    @GetMapping("/ig/consents")
    public String register(Model model) {
        model.addAttribute("search", new SearchForm(null, null, null, null, null));
        model.addAttribute("errors", new FormErrors());
        return "ig/consents";
    }

    @PostMapping("/ig/consents")
    public String search(SearchForm search, Model model, HttpServletResponse res) {
        FormErrors errors = new FormErrors();
        model.addAttribute("search", search);
        model.addAttribute("errors", errors);
        LocalDate dob = date(search.dateOfBirth(), "dateOfBirth", "Date of birth", false, errors);
        if (FormErrors.blank(search.familyName()) && dob == null && FormErrors.blank(search.nhsNumber())
                && FormErrors.blank(search.nino()) && FormErrors.blank(search.upn()) && errors.isEmpty()) {
            errors.add("familyName", "Enter a family name, date of birth or identifier");
        }
        if (!errors.isEmpty()) {
            res.setStatus(400);
            return "ig/consents";
        }
        model.addAttribute("consents", governance.searchConsents(blank(search.familyName()), blank(search.nhsNumber()),
                blank(search.nino()), blank(search.upn()), dob));
        return "ig/consents";
    }

    @GetMapping("/ig/consents/new")
    public String recordForm(Model model) {
        model.addAttribute("form", new ConsentForm(null, null, null, null, null, null, null, List.of(), List.of(), List.of(),
                null, null, null, null));
        model.addAttribute("errors", new FormErrors());
        return "ig/consent-new";
    }

    @PostMapping("/ig/consents/new")
    public String record(ConsentForm form, Authentication auth, Model model, HttpServletResponse res, RedirectAttributes redirect) {
        FormErrors errors = new FormErrors();
        if (FormErrors.blank(form.givenName())) {
            errors.add("givenName", "Enter the person's first name");
        }
        if (FormErrors.blank(form.familyName())) {
            errors.add("familyName", "Enter the person's family name");
        }
        LocalDate dob = date(form.dateOfBirth(), "dateOfBirth", "Date of birth", true, errors);
        if (form.partners() == null || form.partners().isEmpty()) {
            errors.add("partners", "Select the partners the consent covers");
        }
        if (form.categories() == null || form.categories().isEmpty()) {
            errors.add("categories", "Select the data categories the consent covers");
        }
        if (form.purposes() == null || form.purposes().isEmpty()) {
            errors.add("purposes", "Select the purposes the consent covers");
        }
        if (FormErrors.blank(form.givenBy())) {
            errors.add("givenBy", "Select who gave the consent");
        }
        LocalDate givenOn = date(form.givenOn(), "givenOn", "Given on", true, errors);
        LocalDate expiresOn = date(form.expiresOn(), "expiresOn", "Expires on", false, errors);
        if (givenOn != null && expiresOn != null && expiresOn.isBefore(givenOn)) {
            errors.add("expiresOn", "Expires on must be the same as or after given on");
        }
        if (FormErrors.blank(form.evidence())) {
            errors.add("evidence", "Enter the evidence, like the reference of the signed form");
        }
        if (errors.isEmpty()) {
            try {
                Map<String, Object> created = governance.recordConsent(new GovernanceController.ConsentRequest(
                        new Consent.ConsentPerson(form.givenName().trim(), form.familyName().trim(), dob, blank(form.postcode()),
                                blank(form.nhsNumber()), blank(form.nino()), blank(form.upn())),
                        form.partners(), form.categories(), form.purposes(), form.givenBy(), givenOn, expiresOn,
                        form.evidence().trim()), auth).getBody();
                redirect.addFlashAttribute("success", "Consent recorded (" + created.get("consentId") + ").");
                return "redirect:/ig/consents";
            } catch (ApiError e) {
                errors.add("partners", e.getMessage());
            }
        }
        res.setStatus(400);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "ig/consent-new";
    }

    @PostMapping("/ig/consents/{id}/withdraw")
    public String withdraw(@PathVariable UUID id, Authentication auth, RedirectAttributes redirect) {
        try {
            Map<String, Object> done = governance.withdraw(id, auth);
            redirect.addFlashAttribute("success", "Consent withdrawn: " + done.get("recordsRemoved")
                    + " record(s) that relied on it were removed.");
        } catch (ApiError e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/ig/consents";
    }

    private static LocalDate date(String value, String field, String label, boolean required, FormErrors errors) {
        return errors.date(value, field, label, required ? "Enter the " + label.toLowerCase() + " date, like 2026-04-01" : null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
