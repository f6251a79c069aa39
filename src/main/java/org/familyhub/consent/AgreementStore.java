package org.familyhub.consent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sharing agreements in PostgreSQL, every version kept. The YAML files in {@code consent/agreements/} are the
 * approved baseline loaded at start-up; IG officers draft, approve (maker-checker), suspend and expire at run time.
 */
@Repository
public class AgreementStore {

    private final JdbcTemplate jdbc;

    public AgreementStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Loads a baseline agreement unless that version (or a later one) is already there; safe for several replicas. */
    @Transactional
    public boolean loadBaseline(SharingAgreement a) {
        Integer latest = jdbc.queryForObject("select max(version) from sharing_agreement where agreement_id = ?",
                Integer.class, a.id());
        if (latest != null && latest >= a.version()) {
            return false;
        }
        if (latest != null && "ACTIVE".equals(a.status())) {
            jdbc.update("update sharing_agreement set status = 'SUPERSEDED', status_changed_at = now(), status_changed_by = 'baseline' "
                    + "where agreement_id = ? and status = 'ACTIVE'", a.id());
        }
        insert(a, "BASELINE");
        return true;
    }

    public List<SharingAgreement> forPartner(String partner) {
        return jdbc.query("select * from sharing_agreement where partner = ? and status not in ('DRAFT', 'SUPERSEDED')",
                AgreementStore::agreement, partner);
    }

    /** The latest version of every agreement. */
    public List<SharingAgreement> latest() {
        return jdbc.query("""
                select distinct on (agreement_id) * from sharing_agreement order by agreement_id, version desc""",
                AgreementStore::agreement);
    }

    public List<SharingAgreement> versions(String id) {
        return jdbc.query("select * from sharing_agreement where agreement_id = ? order by version", AgreementStore::agreement, id);
    }

    public Optional<SharingAgreement> latest(String id) {
        return jdbc.query("select * from sharing_agreement where agreement_id = ? order by version desc limit 1",
                AgreementStore::agreement, id).stream().findFirst();
    }

    /** A new draft: a new agreement, or the next version of an existing one. */
    @Transactional
    public SharingAgreement draft(AgreementDraft d, String author) {
        String id = d.agreementId() != null ? d.agreementId() : "isa-" + d.partner() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Integer latest = jdbc.queryForObject("select max(version) from sharing_agreement where agreement_id = ?", Integer.class, id);
        jdbc.update("delete from sharing_agreement where agreement_id = ? and status = 'DRAFT'", id); // one open draft per agreement
        SharingAgreement a = new SharingAgreement(id, latest == null ? 1 : latest + 1, d.partner(), "DRAFT",
                new LinkedHashSet<>(d.categories()), new LinkedHashSet<>(d.purposes()), d.gateways(), d.fields(),
                d.retentionDays(), d.validFrom(), d.validTo(), d.specialCategoryCondition(), d.criminalOffenceCondition(),
                author, null);
        insert(a, "API");
        return a;
    }

    /** Approves the open draft; the previous active version is superseded. The caller checks maker-checker. */
    @Transactional
    public SharingAgreement approve(SharingAgreement draft, String approver) {
        jdbc.update("update sharing_agreement set status = 'SUPERSEDED', status_changed_at = now(), status_changed_by = ? "
                + "where agreement_id = ? and status in ('ACTIVE', 'SUSPENDED')", approver, draft.id());
        jdbc.update("update sharing_agreement set status = 'ACTIVE', approver = ?, approved_at = now(), status_changed_at = now(), "
                + "status_changed_by = ? where agreement_id = ? and version = ?", approver, approver, draft.id(), draft.version());
        return latest(draft.id()).orElseThrow();
    }

    /** ACTIVE → SUSPENDED or EXPIRED; the records relying on it are then purged. */
    public int changeStatus(String id, String from, String to, String by) {
        return jdbc.update("update sharing_agreement set status = ?, status_changed_at = now(), status_changed_by = ? "
                + "where agreement_id = ? and status = ?", to, by, id, from);
    }

    private void insert(SharingAgreement a, String origin) {
        jdbc.update("""
                insert into sharing_agreement (agreement_id, version, partner, status, categories, purposes, gateways, fields,
                    retention_days, valid_from, valid_to, special_category_condition, criminal_offence_condition, author,
                    approver, approved_at, origin)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? is null then null else now() end, ?)
                on conflict do nothing""", ps -> {
            ps.setString(1, a.id());
            ps.setInt(2, a.version());
            ps.setString(3, a.partner());
            ps.setString(4, a.status());
            ps.setArray(5, ps.getConnection().createArrayOf("text", a.categories().toArray()));
            ps.setArray(6, ps.getConnection().createArrayOf("text", a.purposes().toArray()));
            ps.setArray(7, ps.getConnection().createArrayOf("text", a.gateways().toArray()));
            ps.setArray(8, ps.getConnection().createArrayOf("text", a.fields() == null ? new Object[] {"*"} : a.fields().toArray()));
            ps.setObject(9, a.retentionDays());
            ps.setObject(10, a.validFrom());
            ps.setObject(11, a.validTo());
            ps.setString(12, a.specialCategoryCondition());
            ps.setString(13, a.criminalOffenceCondition());
            ps.setString(14, a.author());
            ps.setString(15, a.approver());
            ps.setString(16, a.approver());
            ps.setString(17, origin);
        });
    }

    static SharingAgreement agreement(ResultSet rs, int row) throws SQLException {
        return new SharingAgreement(rs.getString("agreement_id"), rs.getInt("version"), rs.getString("partner"),
                rs.getString("status"), new LinkedHashSet<>(strings(rs.getArray("categories"))),
                new LinkedHashSet<>(strings(rs.getArray("purposes"))), strings(rs.getArray("gateways")),
                strings(rs.getArray("fields")), (Integer) rs.getObject("retention_days"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                rs.getString("special_category_condition"), rs.getString("criminal_offence_condition"),
                rs.getString("author"), rs.getString("approver"));
    }

    static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** What an IG officer submits for a draft. */
    public record AgreementDraft(String agreementId, String partner, List<String> categories, List<String> purposes,
                                 List<String> gateways, List<String> fields, Integer retentionDays, LocalDate validFrom,
                                 LocalDate validTo, String specialCategoryCondition, String criminalOffenceCondition) {
    }
}
