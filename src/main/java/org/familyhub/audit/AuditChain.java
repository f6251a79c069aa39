package org.familyhub.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain: {@code hash = hex(SHA-256(UTF-8(prev_hash + canonical(event))))}, genesis 64 zeros. The canonical
 * form lists the stored fields in a fixed order, each as {@code <length>:<value>;} or {@code -;} for null, so no
 * value can shift characters into its neighbour without changing the hash. The id is not in it: the identity column
 * assigns it only on insert, and {@code prev_hash} already fixes each event's place.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** The precision PostgreSQL keeps for timestamptz: hash what will be stored, or verification fails. */
    public static Instant stored(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** The timestamp as hashed, and as written to PostgreSQL: UTC, always six fractional digits. */
    static String timestamp(Instant t) {
        return MICROS.format(stored(t));
    }

    /** {@code detailsJson} is the canonical text of {@link CanonicalJson}. */
    static String canonical(Instant occurredAt, AuditEvent e, String detailsJson) {
        return timestampField(occurredAt) + rest(e, detailsJson);
    }

    /** The same over the values as stored, so a tampered row (an unknown type, a null array element) still hashes. */
    static String canonical(Instant occurredAt, String type, String actor, String role, String purpose, String partner,
                            String batchId, String recordKey, List<String> subjectHashes, String decision,
                            String rule, String reason, boolean flagged, String detailsJson) {
        return timestampField(occurredAt) + rest(type, actor, role, purpose, partner, batchId, recordKey, subjectHashes,
                decision, rule, reason, flagged, detailsJson);
    }

    /** The first field; the writer learns the time only under the chain lock, so the rest is built before it. */
    static String timestampField(Instant occurredAt) {
        StringBuilder s = new StringBuilder(32);
        field(s, timestamp(occurredAt));
        return s.toString();
    }

    /** Every field after the timestamp. */
    static String rest(AuditEvent e, String detailsJson) {
        return rest(e.type().name(), e.actor(), e.role(), e.purpose(), e.partner(),
                e.batchId() == null ? null : e.batchId().toString(), e.recordKey(), e.subjectHashes(), e.decision(),
                e.rule(), e.reason(), e.flagged(), detailsJson);
    }

    private static String rest(String type, String actor, String role, String purpose, String partner, String batchId,
                               String recordKey, List<String> subjectHashes, String decision, String rule,
                               String reason, boolean flagged, String detailsJson) {
        StringBuilder s = new StringBuilder(256);
        field(s, type);
        field(s, actor);
        field(s, role);
        field(s, purpose);
        field(s, partner);
        field(s, batchId);
        field(s, recordKey);
        s.append('*').append(subjectHashes.size()).append(';');
        subjectHashes.forEach(h -> field(s, h));
        field(s, decision);
        field(s, rule);
        field(s, reason);
        field(s, flagged ? "t" : "f");
        field(s, detailsJson);
        return s.toString();
    }

    static String hash(String prevHash, String canonical) {
        return hash(prevHash, new byte[0], canonical.getBytes(StandardCharsets.UTF_8));
    }

    /** The same hash as {@code hash(prevHash, head + rest)}, over bytes prepared before the lock. */
    static String hash(String prevHash, byte[] head, byte[] rest) {
        MessageDigest md = sha256();
        md.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        md.update(head);
        md.update(rest);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void field(StringBuilder s, String v) {
        if (v == null) {
            s.append("-;");
        } else {
            s.append(v.length()).append(':').append(v).append(';');
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
