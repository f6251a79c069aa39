package org.familyhub.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.familyhub.connector.format.ParsedItem;
import org.familyhub.consent.Decision;
import org.familyhub.record.PartnerRecord;

/**
 * One batch on its way through the pipeline (open → parse → validate → gate → stage → link). Each stage reads
 * what the previous one left and fills its own part, so a stage can be replaced without touching the others.
 */
public final class IngestBatch {

    private final UUID batchId;
    private final String partner;
    private final String format;
    private final BatchSource source;
    private final String sourceName;
    private final Instant receivedAt;
    private final String contentSha256;
    private final String justification;
    private byte[] body;

    private List<ParsedItem> parsed = List.of();
    private List<ParsedItem> valid = List.of();
    private List<PermittedRecord> permitted = List.of();
    private final List<Quarantined> quarantined = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private int refused;
    private int accepted;
    private int redacted;
    private int duplicate;
    private List<PartnerRecord> kept = List.of();
    private Map<String, Long> keptVersionIds = Map.of();

    public IngestBatch(UUID batchId, String partner, String format, BatchSource source, String sourceName,
                       Instant receivedAt, String contentSha256, String justification, byte[] body) {
        this.justification = justification;
        this.batchId = batchId;
        this.partner = partner;
        this.format = format;
        this.source = source;
        this.sourceName = sourceName;
        this.receivedAt = receivedAt;
        this.contentSha256 = contentSha256;
        this.body = body;
    }

    public UUID batchId() { return batchId; }
    public String partner() { return partner; }
    public String format() { return format; }
    public BatchSource source() { return source; }
    public String sourceName() { return sourceName; }
    public Instant receivedAt() { return receivedAt; }
    public String contentSha256() { return contentSha256; }
    /** A written justification sent with the batch (X-Justification), needed by the safeguarding gateway. */
    public String justification() { return justification; }

    /** The raw body; released once parsed so a large batch is not held twice. */
    public byte[] takeBody() {
        byte[] b = body;
        body = null;
        return b;
    }

    /** The records staging kept as new versions, for linking (released once linked). */
    public List<PartnerRecord> kept() { return kept; }
    /** Each kept record's stored {@code record_id}, by record key ({@code partner|sourceRecordId}). */
    public Map<String, Long> keptVersionIds() { return keptVersionIds; }
    public void kept(List<PartnerRecord> records, Map<String, Long> versionIds) {
        this.kept = records;
        this.keptVersionIds = versionIds;
    }

    public List<ParsedItem> parsed() { return parsed; }
    public void parsed(List<ParsedItem> items) { this.parsed = items; }
    public List<ParsedItem> valid() { return valid; }
    public void valid(List<ParsedItem> items) { this.valid = items; }
    public List<PermittedRecord> permitted() { return permitted; }
    public void permitted(List<PermittedRecord> records) { this.permitted = records; }
    public List<Quarantined> quarantined() { return quarantined; }

    public void quarantine(Quarantined q) { quarantined.add(q); }
    /** Refused records are never stored; their decisions are kept only until the batch's audit events are written. */
    public void refuse(ParsedItem item, Decision decision) {
        refused++;
        refusals.add(new Refusal(item, decision));
    }
    public List<Refusal> refusals() { return refusals; }
    public record Refusal(ParsedItem item, Decision decision) { }
    public int refused() { return refused; }
    public void staged(int accepted, int redacted, int duplicate) {
        this.accepted = accepted;
        this.redacted = redacted;
        this.duplicate = duplicate;
    }
    public int redacted() { return redacted; }
    public int accepted() { return accepted; }
    public int duplicate() { return duplicate; }
    public int received() { return parsed.size(); }
}
