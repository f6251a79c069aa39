package org.familyhub.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit event before it is written; {@link AuditTrail} stamps the time and chains it. Any field but {@code type}
 * may be null. {@code subjectHashes} are {@link SubjectHasher} hashes, never identifiers in clear.
 */
public record AuditEvent(AuditEventType type, String actor, String role, String purpose, String partner, UUID batchId,
                         String recordKey, List<String> subjectHashes, String decision, String rule, String reason,
                         boolean flagged, Map<String, Object> details) {

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        subjectHashes = subjectHashes == null ? List.of() : List.copyOf(subjectHashes); // no null elements either
        details = details == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The record key of DESIGN §3: {@code partner|sourceRecordId}. */
    public static String recordKey(String partner, String sourceRecordId) {
        return partner + "|" + sourceRecordId;
    }

    /** A record event of the ingest pipeline (received, permitted, redacted, quarantined, ...), by the system. */
    public static AuditEvent ofRecord(AuditEventType type, String partner, UUID batchId, String sourceRecordId,
                                      List<String> subjectHashes) {
        return new AuditEvent(type, "system", null, null, partner, batchId,
                sourceRecordId == null ? null : recordKey(partner, sourceRecordId), subjectHashes, null, null, null, false, null);
    }

    /** A gate decision on a record: {@code REFUSED}/{@code REDACTED}/{@code PERMITTED} with the rule and reason. */
    public static AuditEvent decided(AuditEventType type, String partner, UUID batchId, String sourceRecordId,
                                     List<String> subjectHashes, String decision, String rule, String reason) {
        return builder(type).actor("system").partner(partner).batchId(batchId)
                .recordKey(sourceRecordId == null ? null : recordKey(partner, sourceRecordId))
                .subjectHashes(subjectHashes).decision(decision).rule(rule).reason(reason).build();
    }

    /** A person's read of data: who, in which role, for which purpose. */
    public static AuditEvent read(String actor, String role, String purpose, List<String> subjectHashes,
                                  Map<String, Object> details) {
        return builder(AuditEventType.READ).actor(actor).role(role).purpose(purpose).subjectHashes(subjectHashes)
                .details(details).build();
    }

    public static Builder builder(AuditEventType type) {
        return new Builder(type);
    }

    /** For the events the helpers above do not cover: {@code AuditEvent.builder(PURGED).actor(a).reason(r).build()}. */
    public static final class Builder {
        private final AuditEventType type;
        private String actor;
        private String role;
        private String purpose;
        private String partner;
        private UUID batchId;
        private String recordKey;
        private List<String> subjectHashes;
        private String decision;
        private String rule;
        private String reason;
        private boolean flagged;
        private Map<String, Object> details;

        private Builder(AuditEventType type) {
            this.type = type;
        }

        public Builder actor(String v) { actor = v; return this; }
        public Builder role(String v) { role = v; return this; }
        public Builder purpose(String v) { purpose = v; return this; }
        public Builder partner(String v) { partner = v; return this; }
        public Builder batchId(UUID v) { batchId = v; return this; }
        public Builder recordKey(String v) { recordKey = v; return this; }
        public Builder subjectHashes(List<String> v) { subjectHashes = v; return this; }
        public Builder decision(String v) { decision = v; return this; }
        public Builder rule(String v) { rule = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder flagged(boolean v) { flagged = v; return this; }
        public Builder details(Map<String, Object> v) { details = v; return this; }

        public AuditEvent build() {
            return new AuditEvent(type, actor, role, purpose, partner, batchId, recordKey, subjectHashes, decision, rule,
                    reason, flagged, details);
        }
    }
}
