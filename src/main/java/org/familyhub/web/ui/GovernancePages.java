package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.familyhub.audit.AuditEventType;
import org.familyhub.web.AccessReportController;
import org.familyhub.web.ApiError;
import org.familyhub.web.AuditController;
import org.familyhub.web.GovernanceController;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * IG officers' and auditors' reading pages: legal gateways, the audit trail (search and chain verification) and the
 * printable subject access report. Identifiers are posted, never put in a URL; every read is audited by the
 * controllers it goes through.
 */
@Controller
public class GovernancePages {

    private final GovernanceController governance;
    private final AuditController audit;
    private final AccessReportController accessReports;
    private final DataFlowMap dataFlow;

    public GovernancePages(GovernanceController governance, AuditController audit, AccessReportController accessReports,
                           DataFlowMap dataFlow) {
        this.dataFlow = dataFlow;
        this.governance = governance;
        this.audit = audit;
        this.accessReports = accessReports;
    }

    @GetMapping("/ig/gateways")
    public String gateways(Model model) {
        model.addAttribute("gateways", governance.gateways());
        return "ig/gateways";
    }

    @GetMapping("/ig/data-flow")
    public String dataFlow(Model model) {
        model.addAttribute("svg", dataFlow.svg());
        model.addAttribute("flows", dataFlow.flows());
        return "ig/data-flow";
    }

    /** The map alone, to attach to a DPIA. */
    @GetMapping(value = "/ig/data-flow.svg", produces = "image/svg+xml")
    @org.springframework.web.bind.annotation.ResponseBody
    public org.springframework.http.ResponseEntity<String> dataFlowSvg() {
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"familyhub-data-flow.svg\"").body(dataFlow.svg());
    }

    @GetMapping("/audit")
    public String auditForm(Model model) {
        model.addAttribute("errors", new FormErrors());
        model.addAttribute("types", AuditEventType.values());
        return "audit/search";
    }

    @PostMapping("/audit")
    public String auditSearch(@RequestParam(required = false) String person, @RequestParam(required = false) String partner,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String type, Authentication auth, Model model,
                              HttpServletResponse res) {
        FormErrors errors = new FormErrors();
        model.addAttribute("errors", errors);
        model.addAttribute("types", AuditEventType.values());
        model.addAttribute("form", Map.of("person", nn(person), "partner", nn(partner), "from", nn(from), "to", nn(to), "type", nn(type)));
        try {
            model.addAttribute("events", audit.events(person, partner, from, to, type, 200, auth));
        } catch (ApiError e) {
            String field = e.getMessage().startsWith("to ") ? "to" : e.getMessage().startsWith("from ") ? "from" : "type";
            errors.add(field, e.getMessage());
            res.setStatus(400);
        }
        return "audit/search";
    }

    @PostMapping("/audit/verify")
    public String verify(Authentication auth, Model model) {
        model.addAttribute("errors", new FormErrors());
        model.addAttribute("types", AuditEventType.values());
        model.addAttribute("verification", audit.verify(auth));
        return "audit/search";
    }

    @GetMapping("/ig/access-report")
    public String accessReportForm(Model model) {
        model.addAttribute("errors", new FormErrors());
        return "ig/access-report-form";
    }

    @PostMapping("/ig/access-report")
    public String accessReport(@RequestParam(required = false) String personId, Authentication auth, Model model,
                               HttpServletResponse res) {
        FormErrors errors = new FormErrors();
        model.addAttribute("errors", errors);
        if (personId == null || !personId.trim().matches("(nhs|nino|upn|pnc|crn):\\S+")) {
            errors.add("personId", "Enter an identifier with its kind, like nhs:9434765919 or nino:QQ123456C");
            res.setStatus(400);
            return "ig/access-report-form";
        }
        Map<String, Object> report = accessReports.json(personId.trim(), auth);
        model.addAttribute("report", report);
        model.addAttribute("sections", List.of(
                section(report, "What partners sent, and the basis it is kept under", "records",
                        List.of("partner", "dataset", "sourceRecordId", "categories", "observedAt", "receivedAt", "agreements", "gateways", "purposes", "decision")),
                section(report, "Decisions on data received", "decisions", List.of("when", "partner", "type", "rule", "reason")),
                section(report, "Who read this person's data, and why", "reads", List.of("when", "who", "role", "purpose", "type")),
                section(report, "Sent to other systems", "pushes", List.of("when", "partner", "reason")),
                section(report, "Consent changes", "consents", List.of("when", "who", "decision", "reason"))));
        return "ig/access-report";
    }

    /** A table of the report: its title, the columns shown and each row's cells as text. */
    public record Section(String title, List<String> columns, List<List<String>> rows) {
    }

    @SuppressWarnings("unchecked")
    private static Section section(Map<String, Object> report, String title, String key, List<String> columns) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.getOrDefault(key, List.of());
        return new Section(title, columns, rows.stream().map(r -> columns.stream().map(c -> {
            Object v = r.get(c);
            return v == null ? "" : v instanceof java.util.Collection<?> l
                    ? String.join(", ", l.stream().map(String::valueOf).toList()) : v.toString();
        }).toList()).toList());
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
