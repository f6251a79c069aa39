package org.familyhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    static final Instant AT = Instant.parse("2026-10-01T09:15:30.123456789Z");
    static final UUID BATCH = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    static AuditEvent event() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("b", 1.50);
        details.put("a", List.of("x", 2));
        return new AuditEvent(AuditEventType.REFUSED, "system", "ig-officer", "assessment", "police", BATCH,
                "police|INC-1", List.of("aa", "bb"), "REFUSE", "R1", "no agreement", true, details);
    }

    static String hashOf(Instant at, AuditEvent e) {
        return AuditChain.hash(AuditChain.GENESIS, AuditChain.canonical(at, e, CanonicalJson.of(e.details())));
    }

    @Test
    void theCanonicalFormIsFixedFieldByField() {
        assertThat(AuditChain.canonical(AT, event(), CanonicalJson.of(event().details()))).isEqualTo(
                "27:2026-10-01T09:15:30.123456Z;7:REFUSED;6:system;10:ig-officer;10:assessment;6:police;"
                        + "36:0f8fad5b-d9cb-469f-a165-70867728950e;12:police|INC-1;*2;2:aa;2:bb;6:REFUSE;2:R1;"
                        + "12:no agreement;1:t;21:{\"a\":[\"x\",2],\"b\":1.5};");
        // The chain must not move between releases: a stored chain is verified by later code.
        assertThat(hashOf(AT, event())).isEqualTo(hashOf(AT, event())).hasSize(64);
    }

    @Test
    void nullsAndEmptyStringsAndTheTimestampBelowMicrosecondsAreTold() {
        AuditEvent nulls = AuditEvent.builder(AuditEventType.READ).build();
        assertThat(AuditChain.canonical(AT, nulls, null)).isEqualTo(
                "27:2026-10-01T09:15:30.123456Z;4:READ;-;-;-;-;-;-;*0;-;-;-;1:f;-;");
        AuditEvent empty = AuditEvent.builder(AuditEventType.READ).actor("").build();
        assertThat(hashOf(AT, empty)).isNotEqualTo(hashOf(AT, nulls));
        // PostgreSQL keeps microseconds: nanoseconds beyond them must not change the hash.
        assertThat(hashOf(Instant.parse("2026-10-01T09:15:30.123456Z"), event())).isEqualTo(hashOf(AT, event()));
    }

    @Test
    void everyFieldChangesTheHash() {
        AuditEvent e = event();
        List<AuditEvent> changed = List.of(
                new AuditEvent(AuditEventType.PERMITTED, e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), "someone", e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), "auditor", e.purpose(), e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), "claim", e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), "school", e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), e.partner(), UUID.randomUUID(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), "police|INC-2", e.subjectHashes(), e.decision(), e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(), List.of("aa"), e.decision(), e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), "PERMIT", e.rule(), e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), "R2", e.reason(), e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), "x", e.flagged(), e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), e.reason(), false, e.details()),
                new AuditEvent(e.type(), e.actor(), e.role(), e.purpose(), e.partner(), e.batchId(), e.recordKey(), e.subjectHashes(), e.decision(), e.rule(), e.reason(), e.flagged(), Map.of("b", 2)));
        Set<String> hashes = new HashSet<>();
        hashes.add(hashOf(AT, e));
        changed.forEach(c -> hashes.add(hashOf(AT, c)));
        hashes.add(hashOf(AT.plusNanos(1000), e));
        hashes.add(AuditChain.hash("1".repeat(64), AuditChain.canonical(AT, e, CanonicalJson.of(e.details()))));
        assertThat(hashes).hasSize(changed.size() + 3);
    }

    @Test
    void aCharacterMovedBetweenNeighbouringFieldsChangesTheHash() {
        AuditEvent a = AuditEvent.builder(AuditEventType.READ).actor("ab").role("c").build();
        AuditEvent b = AuditEvent.builder(AuditEventType.READ).actor("a").role("bc").build();
        assertThat(hashOf(AT, a)).isNotEqualTo(hashOf(AT, b));
    }

    @Test
    void detailsHashTheSameAfterPostgresqlRewritesTheirJson() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("zeta", 1.0E10);
        details.put("alpha", Map.of("n", 2.50, "s", "é\"\n"));
        String written = CanonicalJson.of(details);
        assertThat(written).isEqualTo("{\"alpha\":{\"n\":2.5,\"s\":\"é\\\"\\n\"},\"zeta\":10000000000}");
        // jsonb prints keys shortest first, with spaces, and numbers as it stores them.
        assertThat(CanonicalJson.canonical("{\"zeta\": 10000000000, \"alpha\": {\"s\": \"é\\\"\\n\", \"n\": 2.50}}"))
                .isEqualTo(written);
    }
}
