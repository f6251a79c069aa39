package org.familyhub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.familyhub.audit.AuditTrail;
import org.familyhub.consent.Decision;
import org.familyhub.db.PgCopy;
import org.familyhub.db.PgCsv;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the permitted records exactly once. One transaction per batch holds the quarantine rows, the new record
 * versions, the batch's counts and its audit events, so a crash mid-batch leaves nothing half-kept and a re-delivery
 * of the same data adds nothing. Linking them to persons and families is the next step's, in a transaction of its
 * own: the batch is kept with {@code link_pending} set until then. Writes are set-based: one look-up of the current versions, one UPDATE for the
 * superseded ones, one COPY for the new rows.
 */
@Component
public class RecordStager {

    /** Facts keep the parser's insertion order, which is fixed per format: no key sorting needed for a stable hash. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String COPY_COLUMNS = "record_id, partner, dataset, source_record_id, version, is_current, content_sha256,"
            + " batch_id, received_at, observed_at, categories, purposes, agreement_ids, given_name, family_name,"
            + " date_of_birth, sex, address_line1, address_line2, town, postcode, uprn, nhs_number, upn, nino,"
            + " pnc_id, crn, tenancy_ref, facts, involvement, decision, gateways, consent_ids, dropped_fields, flagged";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BatchRepository batches;
    private final IngestMetrics metrics;
    private final AuditTrail audit;
    private final IngestAuditEvents auditEvents;

    public RecordStager(JdbcTemplate jdbc, TransactionTemplate tx, BatchRepository batches, IngestMetrics metrics,
                        AuditTrail audit, IngestAuditEvents auditEvents) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.batches = batches;
        this.metrics = metrics;
        this.audit = audit;
        this.auditEvents = auditEvents;
    }

    public IngestBatch stage(IngestBatch batch) {
        var timer = metrics.start();
        // Hashing and the COPY text of each record need no database: done before the partner lock, so another batch
        // of the same partner (the next file, on another thread) is not kept waiting for this CPU work.
        List<Hashed> hashed = new ArrayList<>(batch.permitted().size());
        batch.permitted().forEach(p -> hashed.add(Hashed.of(p, batch)));
        // Likewise the audit events, each permitted record's prepared as kept as a new version (the usual case);
        // the few that turn out to be duplicates are prepared again under the lock.
        List<AuditTrail.Prepared> quarantinedEvents = prepare(auditEvents.quarantined(batch));
        List<AuditTrail.Prepared> permittedEvents = new ArrayList<>(batch.permitted().size());
        batch.permitted().forEach(p -> permittedEvents.add(AuditTrail.prepare(auditEvents.permitted(batch, p, true))));
        List<AuditTrail.Prepared> refusedEvents = prepare(auditEvents.refused(batch));
        tx.executeWithoutResult(status -> {
            // One writer per partner at a time: two replicas staging the same key cannot both make it current.
            jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class, "partner_record:" + batch.partner());
            insertQuarantine(batch);
            Map<String, Long> recordIds = new HashMap<>();
            Set<Integer> stored = stageRecords(batch, hashed, recordIds);
            List<PartnerRecord> kept = new ArrayList<>(stored.size());
            batch.permitted().forEach(p -> {
                if (stored.contains(p.position())) {
                    kept.add(p.record());
                }
            });
            // linked by the next step, in a transaction of its own; the batch row says so until then (link_pending)
            batch.kept(kept, recordIds);
            batches.complete(batch);
            // Last before commit: the audit chain's lock is held until the transaction ends.
            // In the order of IngestAuditEvents.forBatch.
            List<AuditTrail.Prepared> events = new ArrayList<>(batch.received() + 1);
            events.add(AuditTrail.prepare(auditEvents.received(batch, "COMPLETED", null)));
            events.addAll(quarantinedEvents);
            for (int i = 0; i < batch.permitted().size(); i++) {
                PermittedRecord p = batch.permitted().get(i);
                events.add(stored.contains(p.position()) ? permittedEvents.get(i)
                        : AuditTrail.prepare(auditEvents.permitted(batch, p, false)));
            }
            events.addAll(refusedEvents);
            audit.appendPrepared(events);
        });
        metrics.stageDone(timer, batch.partner(), "stage");
        metrics.batchCompleted(batch);
        return batch;
    }

    private static List<AuditTrail.Prepared> prepare(List<org.familyhub.audit.AuditEvent> events) {
        return events.stream().map(AuditTrail::prepare).toList();
    }

    private void insertQuarantine(IngestBatch batch) {
        if (batch.quarantined().isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into quarantine (batch_id, partner, position, location, stage, reason, raw)
                values (?, ?, ?, ?, ?, ?, ?)""", batch.quarantined(), 500, (ps, q) -> {
            ps.setObject(1, batch.batchId());
            ps.setString(2, batch.partner());
            ps.setInt(3, q.position());
            ps.setString(4, q.location());
            ps.setString(5, q.stage().name());
            ps.setString(6, q.reason());
            ps.setString(7, q.raw() == null ? "" : q.raw());
        });
    }

    /** Returns the positions of the records kept as new versions; fills in the ids of the current versions written. */
    private Set<Integer> stageRecords(IngestBatch batch, List<Hashed> hashed, Map<String, Long> recordIds) {
        // Versions of each key in this batch, in arrival order; a repeat identical to the one before it is a duplicate.
        Map<String, List<Hashed>> byKey = new LinkedHashMap<>();
        int duplicates = 0;
        for (Hashed h : hashed) {
            List<Hashed> versions = byKey.computeIfAbsent(h.permitted.record().sourceRecordId(), k -> new ArrayList<>(1));
            if (!versions.isEmpty() && versions.get(versions.size() - 1).sha256.equals(h.sha256)) {
                duplicates++;
            } else {
                versions.add(h);
            }
        }
        Map<String, Current> current = currentVersions(batch.partner(), byKey.keySet());
        List<Row> rows = new ArrayList<>();
        List<String> superseded = new ArrayList<>();
        for (Map.Entry<String, List<Hashed>> e : byKey.entrySet()) {
            List<Hashed> versions = e.getValue();
            Current stored = current.get(e.getKey());
            int base = 0;
            if (stored != null) {
                if (stored.sha256.equals(versions.get(0).sha256)) {
                    duplicates++;
                    versions = versions.subList(1, versions.size());
                }
                if (!versions.isEmpty()) {
                    superseded.add(e.getKey());
                }
                base = stored.version;
            }
            for (int i = 0; i < versions.size(); i++) {
                rows.add(new Row(versions.get(i), base + i + 1, i == versions.size() - 1));
            }
        }
        if (!superseded.isEmpty()) {
            jdbc.update("""
                    update partner_record set is_current = false, superseded_at = now()
                     where partner = ? and is_current and source_record_id = any(?)""",
                    ps -> {
                        ps.setString(1, batch.partner());
                        ps.setArray(2, ps.getConnection().createArrayOf("text", superseded.toArray()));
                    });
        }
        copyIn(rows, recordIds);
        int redacted = (int) rows.stream().filter(r -> r.hashed.permitted.decision().outcome() == Decision.Outcome.PERMIT_REDACTED).count();
        batch.staged(rows.size(), redacted, duplicates);
        Set<Integer> stored = new HashSet<>(rows.size() * 2);
        rows.forEach(r -> stored.add(r.hashed.permitted.position()));
        return stored;
    }

    private Map<String, Current> currentVersions(String partner, java.util.Set<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, Current> result = new HashMap<>();
        jdbc.query("""
                select source_record_id, content_sha256, version from partner_record
                 where partner = ? and is_current and source_record_id = any(?)""",
                ps -> {
                    ps.setString(1, partner);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", keys.toArray()));
                },
                rs -> {
                    result.put(rs.getString(1), new Current(rs.getString(2), rs.getInt(3)));
                });
        return result;
    }

    private void copyIn(List<Row> rows, Map<String, Long> currentIds) {
        if (rows.isEmpty()) {
            return;
        }
        // Ids taken up front (a sequence, as the column's default would), so what follows in the batch's transaction
        // knows each current version's row without reading it back.
        List<Long> ids = jdbc.queryForList("select nextval(pg_get_serial_sequence('partner_record', 'record_id'))"
                + " from generate_series(1, ?)", Long.class, rows.size());
        StringBuilder csv = new StringBuilder(rows.size() * 512);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            long id = ids.get(i);
            if (row.current) {
                currentIds.put(row.hashed.permitted.record().key(), id);
            }
            PgCsv.value(csv, id).append(',').append(row.hashed.csvHead);
            PgCsv.next(PgCsv.next(csv, row.version), row.current).append(row.hashed.csvTail).append('\n');
        }
        PgCopy.in(jdbc, "partner_record (" + COPY_COLUMNS + ")", csv);
    }

    /** Ids here are plain tokens (categories, purposes, agreement ids, field names, UUIDs): no escaping needed. */
    private static String pgArray(java.util.Collection<String> values) {
        return values.stream().collect(Collectors.joining(",", "{", "}"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A permitted record as the text of its content columns, serialised once: the same values are hashed (so the same
     * record sent again hashes the same, whatever batch it came in) and then written by the COPY.
     */
    private record Hashed(PermittedRecord permitted, String sha256, String csvHead, String csvTail) {

        static Hashed of(PermittedRecord p, IngestBatch batch) {
            PartnerRecord r = p.record();
            Address a = r.subject().address() == null ? Address.EMPTY : r.subject().address();
            Identifiers ids = r.subject().identifiers() == null ? Identifiers.NONE : r.subject().identifiers();
            String[] c = {r.partner(), r.dataset(), r.sourceRecordId(), text(r.observedAt()),
                    pgArray(r.categories().stream().map(DataCategory::id).sorted().toList()),
                    r.subject().givenName(), r.subject().familyName(), text(r.subject().dateOfBirth()), r.subject().sex(),
                    a.line1(), a.line2(), a.town(), a.postcode(), a.uprn(),
                    ids.nhsNumber(), ids.upn(), ids.nino(), ids.pncId(), ids.crn(), ids.tenancyRef(),
                    json(r.facts()), r.involvement() == null ? null : json(r.involvement())};
            MessageDigest md = newDigest();
            for (String v : c) {
                // A marker distinguishes null from "", a separator keeps ("ab","c") apart from ("a","bc").
                md.update(v == null ? NULL_MARK : v.getBytes(StandardCharsets.UTF_8));
                md.update(SEPARATOR);
            }
            String sha256 = HexFormat.of().formatHex(md.digest());
            // The COPY line around the version and is_current columns, which only the database look-up decides.
            StringBuilder head = PgCsv.next(PgCsv.next(PgCsv.value(new StringBuilder(64), c[0]), c[1]), c[2]);
            Decision d = p.decision();
            Object[] tail = {sha256, batch.batchId(), batch.receivedAt(), c[3], c[4], pgArray(d.purposes()),
                    pgArray(d.agreementIds()), c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14], c[15],
                    c[16], c[17], c[18], c[19], c[20], c[21], d.outcome().name(), pgArray(d.gateways()),
                    pgArray(d.consentIds().stream().map(UUID::toString).toList()), pgArray(d.droppedFields()), d.flagged()};
            StringBuilder rest = new StringBuilder(512);
            for (Object v : tail) {
                PgCsv.next(rest, v);
            }
            return new Hashed(p, sha256, head.toString(), rest.toString());
        }
    }

    private static final byte[] NULL_MARK = {0};
    private static final byte[] SEPARATOR = {0x1F};

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Current(String sha256, int version) {
    }

    private record Row(Hashed hashed, int version, boolean current) {
    }
}
