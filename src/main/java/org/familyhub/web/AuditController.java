package org.familyhub.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.AuditQuery;
import org.familyhub.audit.AuditTrail;
import org.familyhub.audit.AuditVerifier;
import org.familyhub.audit.StoredAuditEvent;
import org.familyhub.audit.SubjectHasher;
import org.familyhub.audit.Verification;
import org.familyhub.security.Caller;
import org.familyhub.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit} and {@code GET /api/audit/verify} for IG officers and auditors (DESIGN §8, §9). Reading the
 * audit is audited too, after the read succeeds and before the answer leaves: no answer without its READ event.
 */
@RestController
public class AuditController {

    static final String PURPOSE = "audit";

    private final AuditQuery query;
    private final AuditVerifier verifier;
    private final AuditTrail trail;
    private final SubjectHasher hasher;
    private final Clock clock;

    public AuditController(AuditQuery query, AuditVerifier verifier, AuditTrail trail, SubjectHasher hasher, Clock clock) {
        this.query = query;
        this.verifier = verifier;
        this.trail = trail;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** {@code person}: an identifier ({@code nhs:9434765919}, or bare, tried as every kind); dates are whole days. */
    @GetMapping("/api/audit")
    public List<Map<String, Object>> events(@RequestParam(required = false) String person,
                                            @RequestParam(required = false) String partner,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String type,
                                            @RequestParam(defaultValue = "1000") int limit, Authentication auth) {
        if (limit < 1 || limit > 10_000) {
            throw ApiError.badRequest("limit must be between 1 and 10000");
        }
        List<String> hashes = person == null || person.isBlank() ? null : hasher.forQuery(person);
        List<StoredAuditEvent> found = query.find(hashes, blankToNull(partner), instant(from, "from", false),
                instant(to, "to", true), eventType(type), limit);
        // The identifier itself stays out of the audit: the search is recorded by its hashes.
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("call", "GET /api/audit");
        putIfPresent(details, "partner", partner);
        putIfPresent(details, "from", from);
        putIfPresent(details, "to", to);
        putIfPresent(details, "type", type);
        details.put("results", found.size());
        trail.append(AuditEvent.read(auth.getName(), role(auth), PURPOSE, hashes, details));
        return found.stream().map(AuditController::json).toList();
    }

    @GetMapping("/api/audit/verify")
    public Map<String, Object> verify(Authentication auth) {
        Verification v = verifier.verify();
        trail.append(AuditEvent.read(auth.getName(), role(auth), PURPOSE, null, Map.of("call", "GET /api/audit/verify",
                "valid", v.valid(), "events", v.events())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", v.valid());
        body.put("events", v.events());
        body.put("firstBrokenEvent", v.firstBrokenEvent());
        return body;
    }

    static Map<String, Object> json(StoredAuditEvent s) {
        AuditEvent e = s.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("occurredAt", s.occurredAt());
        m.put("type", e.type());
        m.put("actor", e.actor());
        m.put("role", e.role());
        m.put("purpose", e.purpose());
        m.put("partner", e.partner());
        m.put("batchId", e.batchId());
        m.put("recordKey", e.recordKey());
        m.put("decision", e.decision());
        m.put("rule", e.rule());
        m.put("reason", e.reason());
        m.put("flagged", e.flagged());
        m.put("details", e.details());
        return m;
    }

    private static String role(Authentication auth) {
        Caller caller = new Caller(auth);
        return Arrays.stream(Role.values()).filter(caller::has).map(Role::id).findFirst().orElse(null);
    }

    /** An ISO date (a whole day in the hub's zone, {@code to} inclusive) or instant / date-time with offset. */
    private Instant instant(String value, String name, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(clock.getZone()).toInstant();
            }
            Instant t = OffsetDateTime.parse(value).toInstant();
            return end ? t.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS) : t; // "to" is inclusive
        } catch (DateTimeException e) {
            throw ApiError.badRequest(name + " must be an ISO date (2026-10-01) or instant (2026-10-01T09:00:00Z): '"
                    + value + "'");
        }
    }

    private static AuditEventType eventType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return AuditEventType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("unknown type '" + type + "'; one of " + Arrays.toString(AuditEventType.values()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }
}
