package org.familyhub.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.SubjectHasher;
import org.familyhub.consent.Decision;
import org.springframework.stereotype.Component;

/**
 * The audit events of one batch: that it was received, and for every record what was decided (permitted, redacted,
 * refused, quarantined). A refused record is stored nowhere, so its event names it only by keyed hashes.
 */
@Component
public class IngestAuditEvents {

    private final SubjectHasher hasher;

    public IngestAuditEvents(SubjectHasher hasher) {
        this.hasher = hasher;
    }

    /** @param storedPositions positions of the permitted records kept as new versions (the rest were duplicates) */
    public List<AuditEvent> forBatch(IngestBatch b, Set<Integer> storedPositions) {
        List<AuditEvent> events = new ArrayList<>(b.received() + 1);
        events.add(received(b, "COMPLETED", null));
        events.addAll(quarantined(b));
        for (PermittedRecord p : b.permitted()) {
            events.add(permitted(b, p, storedPositions.contains(p.position())));
        }
        events.addAll(refused(b));
        return events;
    }

    /** The events of the quarantined records, in the order {@link #forBatch} lists them. */
    public List<AuditEvent> quarantined(IngestBatch b) {
        List<AuditEvent> events = new ArrayList<>(b.quarantined().size());
        for (Quarantined q : b.quarantined()) {
            events.add(AuditEvent.builder(AuditEventType.QUARANTINED).actor("system").partner(b.partner()).batchId(b.batchId())
                    .decision("QUARANTINE").rule(q.stage().name())
                    .reason("set aside at " + q.location() + " for the partner to correct (see the quarantine list)")
                    .details(Map.of("position", q.position(), "location", q.location())).build());
        }
        return events;
    }

    /** @param stored whether the record was kept as a new version (else it was a duplicate) */
    public AuditEvent permitted(IngestBatch b, PermittedRecord p, boolean stored) {
        Decision d = p.decision();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stored", stored ? "new version" : "duplicate");
        details.put("purposes", List.copyOf(d.purposes()));
        details.put("agreements", d.agreementIds());
        details.put("gateways", d.gateways());
        if (!d.consentIds().isEmpty()) {
            details.put("consents", d.consentIds().stream().map(Object::toString).toList());
        }
        if (!d.droppedFields().isEmpty()) {
            details.put("droppedFields", d.droppedFields());
        }
        return AuditEvent.builder(d.outcome() == Decision.Outcome.PERMIT_REDACTED ? AuditEventType.REDACTED : AuditEventType.PERMITTED)
                .actor("system").partner(b.partner()).batchId(b.batchId())
                .recordKey(AuditEvent.recordKey(b.partner(), p.record().sourceRecordId()))
                .subjectHashes(hasher.hashes(p.record().subject())).decision(d.outcome().name()).rule(d.rule())
                .reason(d.reason()).flagged(d.flagged()).details(details).build();
    }

    /** The events of the refused records, in the order {@link #forBatch} lists them. */
    public List<AuditEvent> refused(IngestBatch b) {
        List<AuditEvent> events = new ArrayList<>(b.refusals().size());
        for (IngestBatch.Refusal r : b.refusals()) {
            Decision d = r.decision();
            // The partner key holds names and dates of birth for some partners: only its keyed hash is kept.
            String keyHash = hasher.hash("key", AuditEvent.recordKey(b.partner(), r.item().record().sourceRecordId()));
            events.add(AuditEvent.builder(AuditEventType.REFUSED).actor("system").partner(b.partner()).batchId(b.batchId())
                    .recordKey("hash:" + keyHash).subjectHashes(hasher.hashes(r.item().record().subject()))
                    .decision(d.outcome().name()).rule(d.rule()).reason(d.reason())
                    .details(Map.of("position", r.item().position())).build());
        }
        return events;
    }

    /** The batch-level event: what arrived, from where, with the SHA-256 of its body. */
    public AuditEvent received(IngestBatch b, String status, String error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", status);
        details.put("source", b.source().name());
        details.put("sourceName", b.sourceName());
        details.put("sha256", b.contentSha256());
        details.put("received", b.received());
        details.put("accepted", b.accepted());
        details.put("redacted", b.redacted());
        details.put("refused", b.refused());
        details.put("quarantined", b.quarantined().size());
        details.put("duplicate", b.duplicate());
        return AuditEvent.builder(AuditEventType.RECEIVED).actor("system").partner(b.partner()).batchId(b.batchId())
                .decision(status).reason(error).details(details).build();
    }
}
