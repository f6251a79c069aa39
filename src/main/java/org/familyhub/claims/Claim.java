package org.familyhub.claims;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A payment-by-results claim: one family, one framework, one outcome (a claim route), ever. {@code evidence} is the
 * pack as the claim purpose may see it ({@link org.familyhub.family.ClaimDecision.RouteResult#evidencePack()}).
 */
public record Claim(UUID claimId, String familyId, String framework, String outcome, String period, LocalDate evaluatedOn,
                    LocalDate attachedOn, List<Map<String, Object>> evidence, OffsetDateTime createdAt, String status,
                    OffsetDateTime sentAt) {

    public Claim {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The same family, framework and outcome always give the same id: the claim system's idempotency key. */
    public static UUID id(String familyId, String framework, String outcome) {
        return UUID.nameUUIDFromBytes(("claim|" + familyId + "|" + framework + "|" + outcome).getBytes(StandardCharsets.UTF_8));
    }

    /** What the claim system receives (JSON body, one per claim). */
    public Map<String, Object> message() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claimId", claimId.toString());
        m.put("familyId", familyId);
        m.put("framework", framework);
        m.put("outcome", outcome);
        m.put("period", period);
        m.put("attachedOn", attachedOn.toString());
        m.put("evaluatedOn", evaluatedOn.toString());
        m.put("evidence", evidence);
        return m;
    }

    /** What the API shows: the message plus where the claim stands. */
    public Map<String, Object> view() {
        Map<String, Object> m = message();
        m.put("status", status);
        m.put("createdAt", createdAt == null ? null : createdAt.toInstant().toString());
        m.put("sentAt", sentAt == null ? null : sentAt.toInstant().toString());
        return m;
    }
}
