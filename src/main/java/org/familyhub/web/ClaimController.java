package org.familyhub.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditTrail;
import org.familyhub.audit.SubjectHasher;
import org.familyhub.claims.Claim;
import org.familyhub.claims.ClaimStore;
import org.familyhub.family.ClaimDecision;
import org.familyhub.security.Caller;
import org.familyhub.security.PurposePolicy;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The claims for the data team: {@code GET /api/claims?period=} (a window such as {@code 2026-Q4}; without it, every
 * claim). Read for one purpose only, {@code claim}: an {@code X-Purpose} header may state it, and any other is refused.
 * Audited as a read, with the people named in the evidence as keyed hashes.
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
        String purpose = purposeHeader == null || purposeHeader.isBlank() ? ClaimDecision.PURPOSE
                : PurposePolicy.require(caller, purposeHeader);
        if (!purpose.equals(ClaimDecision.PURPOSE)) {
            throw ApiError.badRequest("claims are read for the purpose '" + ClaimDecision.PURPOSE + "' only, not '" + purpose + "'");
        }
        String window = period == null || period.isBlank() ? null : period.trim();
        List<Claim> found = claims.inPeriod(window);
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
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("call", "GET /api/claims");
        details.put("period", window);
        details.put("results", found.size());
        details.put("families", found.stream().map(Claim::familyId).distinct().toList());
        audit.append(AuditEvent.read(caller.name(), PurposePolicy.role(caller), purpose, List.copyOf(hashes), details));
        return found.stream().map(Claim::view).toList();
    }
}
