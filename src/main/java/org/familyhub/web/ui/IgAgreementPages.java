package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.familyhub.connector.ConnectorCatalog;
import org.familyhub.connector.ConnectorDefinition;
import org.familyhub.consent.AgreementStore;
import org.familyhub.consent.GatewayCatalog;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sharing agreements for IG officers: the list, a draft form with GOV.UK error messages, preview of a draft on a
 * sample file, approval by a second officer (maker-checker), suspension and every version. The rules themselves
 * are {@link GovernanceController}'s, so a page can do nothing the API would refuse, and each change is audited.
 */
@Controller
public class IgAgreementPages {

    private final GovernanceController governance;
    private final ConnectorCatalog connectors;
    private final GatewayCatalog gateways;

    public IgAgreementPages(GovernanceController governance, ConnectorCatalog connectors, GatewayCatalog gateways) {
        this.governance = governance;
        this.connectors = connectors;
        this.gateways = gateways;
    }

    /** The draft form's fields (a POST body); lists come from checkboxes, fields as a comma-separated line. */
    public record DraftForm(String agreementId, String partner, List<String> categories, List<String> purposes,
                            List<String> gateways, String fields, String retentionDays, String validFrom, String validTo,
                            String specialCategoryCondition, String criminalOffenceCondition) {
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("partners", connectors.all().stream().map(ConnectorDefinition::partner).sorted().toList());
        model.addAttribute("allCategories", Arrays.stream(DataCategory.values()).map(DataCategory::id).toList());
        model.addAttribute("allPurposes", Purposes.ALL);
        model.addAttribute("allGateways", gateways.all());
    }

    @GetMapping("/ig/agreements")
    public String list(Model model) {
        model.addAttribute("agreements", governance.agreements());
        return "ig/agreements";
    }

    @GetMapping("/ig/agreements/new")
    public String draftForm(Model model) {
        model.addAttribute("form", new DraftForm(null, null, List.of(), List.of(), List.of(), null, null, null, null, null, null));
        model.addAttribute("errors", new FormErrors());
        return "ig/draft";
    }

    @PostMapping("/ig/agreements/new")
    public String draft(DraftForm form, Authentication auth, Model model, HttpServletResponse res, RedirectAttributes redirect) {
        FormErrors errors = new FormErrors();
        if (form.agreementId() != null && !form.agreementId().isBlank() && !form.agreementId().trim().matches("[a-z0-9][a-z0-9-]{2,62}")) {
            errors.add("agreementId", "Agreement id must be 3 to 63 lower-case letters, digits and dashes");
        }
        if (FormErrors.blank(form.partner())) {
            errors.add("partner", "Select the partner that shares the data");
        }
        if (form.categories() == null || form.categories().isEmpty()) {
            errors.add("categories", "Select at least one data category");
        }
        if (form.purposes() == null || form.purposes().isEmpty()) {
            errors.add("purposes", "Select at least one purpose");
        }
        if (form.gateways() == null || form.gateways().isEmpty()) {
            errors.add("gateways", "Select at least one legal gateway");
        }
        List<String> fields = FormErrors.blank(form.fields()) ? List.of()
                : Arrays.stream(form.fields().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        if (fields.isEmpty()) {
            errors.add("fields", "Enter the fields that may be kept, separated by commas");
        }
        Integer retention = null;
        if (FormErrors.blank(form.retentionDays())) {
            errors.add("retentionDays", "Enter how many days the data may be kept");
        } else {
            try {
                retention = Integer.parseInt(form.retentionDays().trim());
                if (retention < 0) {
                    errors.add("retentionDays", "Retention must be 0 days or more");
                }
            } catch (NumberFormatException e) {
                errors.add("retentionDays", "Retention must be a whole number of days, like 730");
            }
        }
        LocalDate from = date(form.validFrom(), "validFrom", "Valid from", true, errors);
        LocalDate to = date(form.validTo(), "validTo", "Valid to", false, errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("validTo", "Valid to must be the same as or after valid from");
        }
        if (errors.isEmpty()) {
            try {
                Map<String, Object> created = governance.draft(new AgreementStore.AgreementDraft(
                        FormErrors.blank(form.agreementId()) ? null : form.agreementId().trim(), form.partner(),
                        form.categories(), form.purposes(), form.gateways(), fields, retention, from, to,
                        blankToNull(form.specialCategoryCondition()), blankToNull(form.criminalOffenceCondition())), auth).getBody();
                redirect.addFlashAttribute("success", "Draft saved. Preview it on a sample file, then ask another IG officer to approve it.");
                return "redirect:/ig/agreements/" + created.get("agreementId");
            } catch (ApiError e) {
                // what only the hub's rules know (e.g. a gateway the partner may not rely on)
                errors.add("gateways", e.getMessage().replaceFirst("^the draft agreement is not valid: ", ""));
            }
        }
        res.setStatus(400);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "ig/draft";
    }

    @GetMapping("/ig/agreements/{id}")
    public String agreement(@PathVariable String id, Model model) {
        model.addAttribute("agreement", governance.agreement(id));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", new FormErrors());
        }
        return "ig/agreement";
    }

    @PostMapping("/ig/agreements/{id}/approve")
    public String approve(@PathVariable String id, Authentication auth, Model model, HttpServletResponse res,
                          RedirectAttributes redirect) {
        try {
            governance.approve(id, auth);
        } catch (ApiError e) {
            if (e.status().value() == 404) {
                throw e;
            }
            return withError(id, "approve", e.getMessage(), model, res);
        }
        redirect.addFlashAttribute("success", "Agreement approved: it is now active.");
        return "redirect:/ig/agreements/" + id;
    }

    @PostMapping("/ig/agreements/{id}/suspend")
    public String suspend(@PathVariable String id, Authentication auth, Model model, HttpServletResponse res,
                          RedirectAttributes redirect) {
        try {
            governance.suspend(id, auth);
        } catch (ApiError e) {
            if (e.status().value() == 404) {
                throw e;
            }
            return withError(id, "suspend", e.getMessage(), model, res);
        }
        redirect.addFlashAttribute("success", "Agreement suspended: records that relied on it are removed at the next purge.");
        return "redirect:/ig/agreements/" + id;
    }

    @PostMapping("/ig/agreements/{id}/preview")
    public String preview(@PathVariable String id, @RequestParam(required = false) MultipartFile sample, Model model,
                          HttpServletResponse res) throws IOException {
        if (sample == null || sample.isEmpty()) {
            return withError(id, "sample", "Select a sample file to preview the agreement on", model, res);
        }
        try {
            model.addAttribute("preview", governance.preview(id, sample.getBytes(), null));
        } catch (ApiError e) {
            if (e.status().value() == 404) {
                throw e;
            }
            return withError(id, "sample", "The sample could not be read: " + e.getMessage(), model, res);
        }
        model.addAttribute("sampleName", sample.getOriginalFilename());
        return agreement(id, model);
    }

    private String withError(String id, String field, String message, Model model, HttpServletResponse res) {
        res.setStatus(400);
        model.addAttribute("errors", new FormErrors().add(field, message));
        return agreement(id, model);
    }

    private static LocalDate date(String value, String field, String label, boolean required, FormErrors errors) {
        return errors.date(value, field, label, required ? "Enter the date the agreement is " + label.toLowerCase() + ", like 2026-04-01" : null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
