package org.familyhub.audit;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A subject access report: every partner record the hub keeps about a person (what, when, under which basis), and
 * from the audit trail what was refused, every read of their data (who, when, why), every consent change and every
 * outbound push. The person is named by an identifier ({@code nhs:…}, {@code nino:…}, {@code upn:…}, {@code pnc:…},
 * {@code crn:…}; a bare value is tried as each kind).
 */
@Component
public class SubjectAccessReport {

    private static final Set<AuditEventType> RECEIVED = Set.of(AuditEventType.PERMITTED, AuditEventType.REDACTED,
            AuditEventType.REFUSED);
    private static final Set<AuditEventType> READS = Set.of(AuditEventType.READ, AuditEventType.BREAK_GLASS,
            AuditEventType.EXPORTED);

    private final JdbcTemplate jdbc;
    private final AuditQuery audit;
    private final SubjectHasher hasher;

    public SubjectAccessReport(JdbcTemplate jdbc, AuditQuery audit, SubjectHasher hasher) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.hasher = hasher;
    }

    public List<String> hashes(String personId) {
        return hasher.forQuery(personId);
    }

    public Map<String, Object> report(String personId) {
        List<Map<String, Object>> records = records(personId);
        List<StoredAuditEvent> events = audit.find(hasher.forQuery(personId), null, null, null, null, 10_000);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("personId", personId);
        r.put("records", records);
        r.put("partners", records.stream().map(m -> m.get("partner")).distinct().sorted().toList());
        r.put("decisions", select(events, RECEIVED));
        r.put("reads", select(events, READS));
        r.put("pushes", select(events, Set.of(AuditEventType.PUSHED)));
        r.put("consents", select(events, Set.of(AuditEventType.CONSENT_CHANGED)));
        return r;
    }

    private List<Map<String, Object>> records(String personId) {
        String kind = null;
        String value = personId.trim();
        int colon = value.indexOf(':');
        if (colon > 0) {
            kind = value.substring(0, colon).toLowerCase(Locale.ROOT);
            value = value.substring(colon + 1);
        }
        String v = value.replace(" ", "").toUpperCase(Locale.ROOT);
        String where = switch (kind == null ? "any" : kind) {
            case "nhs" -> "replace(nhs_number, ' ', '') = ?";
            case "nino" -> "upper(replace(nino, ' ', '')) = ?";
            case "upn" -> "upper(upn) = ?";
            case "pnc" -> "upper(pnc_id) = ?";
            case "crn" -> "upper(crn) = ?";
            default -> null;
        };
        List<Object> args = new ArrayList<>();
        if (where == null) {
            where = "replace(nhs_number, ' ', '') = ? or upper(replace(nino, ' ', '')) = ? or upper(upn) = ? "
                    + "or upper(pnc_id) = ? or upper(crn) = ?";
            for (int i = 0; i < 5; i++) {
                args.add(v);
            }
        } else {
            args.add(v);
        }
        return jdbc.query("""
                select partner, dataset, source_record_id, version, is_current, observed_at, received_at, categories,
                       purposes, agreement_ids, gateways, consent_ids, decision, dropped_fields, flagged
                  from partner_record where %s order by partner, source_record_id, version""".formatted(where),
                (rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("partner", rs.getString("partner"));
                    m.put("dataset", rs.getString("dataset"));
                    m.put("sourceRecordId", rs.getString("source_record_id"));
                    m.put("version", rs.getInt("version"));
                    m.put("current", rs.getBoolean("is_current"));
                    m.put("observedAt", rs.getObject("observed_at", java.time.LocalDate.class));
                    m.put("receivedAt", rs.getTimestamp("received_at").toInstant());
                    m.put("categories", list(rs.getArray("categories")));
                    m.put("purposes", list(rs.getArray("purposes")));
                    m.put("agreements", list(rs.getArray("agreement_ids")));
                    m.put("gateways", list(rs.getArray("gateways")));
                    m.put("consents", list(rs.getArray("consent_ids")));
                    m.put("decision", rs.getString("decision"));
                    m.put("droppedFields", list(rs.getArray("dropped_fields")));
                    m.put("flaggedForReview", rs.getBoolean("flagged"));
                    return m;
                }, args.toArray());
    }

    private static List<Map<String, Object>> select(List<StoredAuditEvent> events, Set<AuditEventType> types) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredAuditEvent s : events) {
            AuditEvent e = s.event();
            if (!types.contains(e.type())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eventId", s.id());
            m.put("when", s.occurredAt());
            m.put("type", e.type());
            m.put("who", e.actor());
            m.put("role", e.role());
            m.put("purpose", e.purpose());
            m.put("partner", e.partner());
            m.put("decision", e.decision());
            m.put("rule", e.rule());
            m.put("reason", e.reason());
            m.put("flagged", e.flagged());
            out.add(m);
        }
        return out;
    }

    private static List<Object> list(Array a) throws SQLException {
        return a == null ? List.of() : List.of((Object[]) a.getArray());
    }
}
