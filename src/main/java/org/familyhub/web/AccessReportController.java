package org.familyhub.web;

import java.util.List;
import java.util.Map;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditTrail;
import org.familyhub.audit.SubjectAccessReport;
import org.familyhub.security.Role;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** {@code GET /api/people/{personId}/access-report}: JSON, or a printable HTML page; reading it is audited. */
@RestController
public class AccessReportController {

    private static final String PURPOSE = "subject-access";

    private final SubjectAccessReport reports;
    private final AuditTrail audit;

    public AccessReportController(SubjectAccessReport reports, AuditTrail audit) {
        this.reports = reports;
        this.audit = audit;
    }

    @GetMapping(value = "/api/people/{personId}/access-report", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> json(@PathVariable String personId, Authentication auth) {
        Map<String, Object> report = reports.report(personId);
        audit.append(AuditEvent.read(auth.getName(), Role.IG_OFFICER.id(), PURPOSE, reports.hashes(personId),
                Map.of("call", "GET /api/people/{personId}/access-report", "records", ((List<?>) report.get("records")).size())));
        return report;
    }

    @GetMapping(value = "/api/people/{personId}/access-report", produces = MediaType.TEXT_HTML_VALUE)
    public String html(@PathVariable String personId, Authentication auth) {
        return page(json(personId, auth));
    }

    @SuppressWarnings("unchecked")
    static String page(Map<String, Object> r) {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Subject access report</title>
                <style>body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c}h1{font-size:2em}
                table{border-collapse:collapse;width:100%;margin-bottom:2em}th,td{border-bottom:1px solid #b1b4b6;
                padding:.4em;text-align:left;vertical-align:top}th{background:#f3f2f1}@media print{body{margin:0}}</style>
                </head><body>""");
        h.append("<h1>Subject access report</h1><p>Person: <strong>").append(esc(r.get("personId")))
                .append("</strong>. Partners that sent data: ").append(esc(String.join(", ", (List<String>) r.get("partners"))))
                .append(".</p>");
        section(h, "What partners sent, and the basis it is kept under", (List<Map<String, Object>>) r.get("records"),
                List.of("partner", "dataset", "sourceRecordId", "categories", "observedAt", "receivedAt", "agreements",
                        "gateways", "purposes", "decision"));
        section(h, "Decisions on data received", (List<Map<String, Object>>) r.get("decisions"),
                List.of("when", "partner", "type", "rule", "reason"));
        section(h, "Who read this person's data, and why", (List<Map<String, Object>>) r.get("reads"),
                List.of("when", "who", "role", "purpose", "type"));
        section(h, "Sent to other systems", (List<Map<String, Object>>) r.get("pushes"), List.of("when", "partner", "reason"));
        section(h, "Consent changes", (List<Map<String, Object>>) r.get("consents"), List.of("when", "who", "decision", "reason"));
        return h.append("</body></html>").toString();
    }

    private static void section(StringBuilder h, String title, List<Map<String, Object>> rows, List<String> columns) {
        h.append("<h2>").append(esc(title)).append("</h2>");
        if (rows.isEmpty()) {
            h.append("<p>None.</p>");
            return;
        }
        h.append("<table><thead><tr>");
        columns.forEach(c -> h.append("<th scope=\"col\">").append(esc(c)).append("</th>"));
        h.append("</tr></thead><tbody>");
        for (Map<String, Object> row : rows) {
            h.append("<tr>");
            columns.forEach(c -> h.append("<td>").append(esc(row.get(c))).append("</td>"));
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    private static String esc(Object o) {
        return o == null ? "" : HtmlUtils.htmlEscape(o instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : o.toString());
    }
}
