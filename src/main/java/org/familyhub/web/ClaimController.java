package org.familyhub.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditTrail;
import org.familyhub.audit.SubjectHasher;
import org.familyhub.claims.Claim;
import org.familyhub.claims.ClaimStore;
import org.familyhub.claims.ClaimWindow;
import org.familyhub.family.ClaimDecision;
import org.familyhub.security.Caller;
import org.familyhub.security.PurposePolicy;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The claims for the data team: {@code GET /api/claims?period=} (a window such as {@code 2026-Q4}; without it, every
 * claim; a period that names no window is {@code 400}) and {@code GET /api/claims/{claimId}}. Read for one purpose
 * only, {@code claim}: an {@code X-Purpose} header may state it, and any other is refused. Audited as a read, with the people named in the evidence as keyed hashes.
 */
@RestController
public class ClaimController {

    private final ClaimStore claims;
    private final AuditTrail audit;
    private final SubjectHasher hasher;

    public ClaimController(ClaimStore claims, AuditTrail audit, SubjectHasher hasher) {
        this.claims = claims;
        this.audit = audit;
        this.hasher = hasher;
    }

    @GetMapping("/api/claims")
    @Transactional // the read and its audit event commit together
    public List<Map<String, Object>> claims(@RequestParam(required = false) String period, Authentication auth,
                                            @RequestHeader(value = PurposePolicy.HEADER, required = false) String purposeHeader) {
        Caller caller = new Caller(auth);
        String purpose = purpose(caller, purposeHeader);
        String window = window(period);
        List<Claim> found = claims.inPeriod(window);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("call", "GET /api/claims");
        details.put("period", window);
        audited(caller, purpose, found, details);
        return found.stream().map(Claim::view).toList();
    }

    /** One claim with its evidence pack; read and audited as the list is. */
    @GetMapping("/api/claims/{claimId}")
    @Transactional // the read and its audit event commit together
    public Map<String, Object> claim(@PathVariable String claimId, Authentication auth,
                                     @RequestHeader(value = PurposePolicy.HEADER, required = false) String purposeHeader) {
        Caller caller = new Caller(auth);
        String purpose = purpose(caller, purposeHeader);
        UUID id;
        try {
            id = UUID.fromString(claimId);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound("no claim " + claimId);
        }
        Claim found = claims.find(id).orElseThrow(() -> ApiError.notFound("no claim " + claimId));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("call", "GET /api/claims/{claimId}");
        details.put("claimId", id.toString());
        audited(caller, purpose, List.of(found), details);
        return found.view();
    }

    /**
     * The window asked for, or null for every window: the name of a window ({@code 2026-Q4}, {@code 2026-11}, …; letters
     * in either case), else {@code 400}.
     */
    public static String window(String period) {
        if (period == null || period.isBlank()) {
            return null;
        }
        String window = period.trim().toUpperCase(Locale.ROOT);
        if (!ClaimWindow.isLabel(window)) {
            throw ApiError.badRequest("period must be a claim window, like 2026-Q4 (a quarter), 2026-11 (a month) or 2026");
        }
        return window;
    }

    private static String purpose(Caller caller, String purposeHeader) {
        String purpose = purposeHeader == null || purposeHeader.isBlank() ? ClaimDecision.PURPOSE
                : PurposePolicy.require(caller, purposeHeader);
        if (!purpose.equals(ClaimDecision.PURPOSE)) {
            throw ApiError.badRequest("claims are read for the purpose '" + ClaimDecision.PURPOSE + "' only, not '" + purpose + "'");
        }
        return purpose;
    }

    /** Audits a read of claims, with the people named in their evidence as keyed hashes. */
    private void audited(Caller caller, String purpose, List<Claim> found, Map<String, Object> details) {
        Set<String> hashes = new LinkedHashSet<>();
        found.forEach(c -> c.evidence().forEach(item -> {
            if (item.get("records") instanceof List<?> records) {
                records.forEach(r -> {
                    if (r instanceof Map<?, ?> m && m.get("personId") instanceof String person) {
                        hashes.add(hasher.hash(SubjectHasher.PERSON, person));
                    }
                });
            }
        }));
        details.put("results", found.size());
        details.put("families", found.stream().map(Claim::familyId).distinct().toList());
        audit.append(AuditEvent.read(caller.name(), PurposePolicy.role(caller), purpose, List.copyOf(hashes), details));
    }
}
