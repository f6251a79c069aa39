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

    /** A hub person id, as the family view shows it: {@code P000000123}. */
    private static final java.util.regex.Pattern HUB_PERSON = java.util.regex.Pattern.compile("P\\d{9}");

    /**
     * The audit hashes that name this person. For a hub person id: the id itself (and any id merged into it), and
     * every identifier (and name, date of birth and postcode) on the records linked to them, so what arrived before
     * linkage, and what was read about them, is found.
     */
    public List<String> hashes(String personId) {
        if (!HUB_PERSON.matcher(personId.trim()).matches()) {
            return hasher.forQuery(personId);
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        List<String> ids = hubIds(personId.trim());
        ids.forEach(id -> out.add(hasher.hash(SubjectHasher.PERSON, id)));
        jdbc.query("""
                select r.given_name, r.family_name, r.date_of_birth, r.postcode, r.nhs_number, r.upn, r.nino, r.pnc_id, r.crn
                  from person_link l join partner_record r on r.partner = l.partner and r.source_record_id = l.source_record_id
                 where l.person_id = any(?)""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray())),
                rs -> {
                    out.addAll(hasher.hashes(new org.familyhub.record.Subject(rs.getString(1), rs.getString(2),
                            rs.getObject(3, java.time.LocalDate.class), null,
                            new org.familyhub.record.Address(null, null, null, rs.getString(4), null),
                            new org.familyhub.record.Identifiers(rs.getString(5), rs.getString(6), rs.getString(7),
                                    rs.getString(8), rs.getString(9), null))));
                });
        return List.copyOf(out);
    }

    /** The person this id now is (following merges) and every id merged into them; empty when unknown. */
    private List<String> hubIds(String personId) {
        String id = personId;
        for (int hops = 0; hops < 20; hops++) {
            List<String> next = jdbc.queryForList("select merged_into from person where person_id = ? and merged_into is not null",
                    String.class, id);
            if (next.isEmpty()) {
                break;
            }
            id = next.get(0);
        }
        List<String> ids = new ArrayList<>(jdbc.queryForList("select person_id from person where person_id = ?", String.class, id));
        if (!ids.isEmpty()) {
            ids.addAll(jdbc.queryForList("select person_id from person where merged_into = ?", String.class, id));
        }
        return ids;
    }

    public Map<String, Object> report(String personId) {
        List<Map<String, Object>> records = records(personId);
        List<StoredAuditEvent> events = audit.find(hashes(personId), null, null, null, null, 10_000);
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
        if (HUB_PERSON.matcher(personId.trim()).matches()) {
            List<String> ids = hubIds(personId.trim());
            return jdbc.query("""
                    select r.partner, r.dataset, r.source_record_id, r.version, r.is_current, r.observed_at, r.received_at,
                           r.categories, r.purposes, r.agreement_ids, r.gateways, r.consent_ids, r.decision, r.dropped_fields,
                           r.flagged
                      from person_link l join partner_record r on r.partner = l.partner
                       and r.source_record_id = l.source_record_id
                     where l.person_id = any(?) order by r.partner, r.source_record_id, r.version""",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray())), (rs, i) -> recordRow(rs));
        }
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
                (rs, i) -> recordRow(rs), args.toArray());
    }

    private static Map<String, Object> recordRow(java.sql.ResultSet rs) throws java.sql.SQLException {
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
