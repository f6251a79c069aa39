package org.familyhub.outbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.SubjectHasher;
import org.springframework.stereotype.Component;

/**
 * The audit events of outbound pushes ({@code PUSHED}: sent, retry, dead, replayed). The family id is the subject
 * reference ({@code family|<id>}); the outbound system stands in the partner column, so {@code /api/audit?partner=}
 * finds its pushes; members appear only as keyed hashes of the identifiers that went out, so a subject access
 * report lists the pushes about a person. No names, dates or message text from the far side.
 */
@Component
public class OutboundAuditEvents {

    private static final Map<String, String> HASH_KINDS = Map.of("NHS", "nhs", "UPN", "upn", "PNC", "pnc", "CRN", "crn");

    private final SubjectHasher hasher;

    public OutboundAuditEvents(SubjectHasher hasher) {
        this.hasher = hasher;
    }

    public static String subject(String familyId) {
        return "family|" + familyId;
    }

    /**
     * One push event. {@code decision} is {@code SENT}, {@code RETRY}, {@code DEAD} or {@code REPLAYED};
     * {@code reason} a short outcome in words (e.g. "HTTP 503", "rejected: UNKNOWN_FAMILY").
     */
    public AuditEvent pushed(String decision, String system, String familyId, UUID notificationId, int attempt,
                             FamilyChange change, String reason, String actor, String role) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("system", system);
        details.put("notificationId", notificationId.toString());
        details.put("attempt", attempt);
        if (change != null) {
            details.put("notificationReason", change.reason().name());
        }
        return AuditEvent.builder(AuditEventType.PUSHED).actor(actor).role(role).partner(system)
                .recordKey(subject(familyId)).subjectHashes(change == null ? List.of() : hashes(change))
                .decision(decision).reason(reason).details(details).build();
    }

    private List<String> hashes(FamilyChange change) {
        List<String> out = new ArrayList<>();
        for (FamilyChange.Member m : change.members()) {
            m.identifiers().forEach((scheme, value) -> {
                String kind = HASH_KINDS.get(scheme.toUpperCase(Locale.ROOT));
                if (kind != null) {
                    out.add(hasher.hash(kind, value));
                }
            });
        }
        return out;
    }
}
