package org.familyhub.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The consent register. Withdrawal is recorded (when, by whom), never deleted: the audit and the purge rely on it. */
@Repository
public class ConsentStore {

    private final JdbcTemplate jdbc;

    public ConsentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UUID record(Consent c, String recordedBy) {
        UUID id = UUID.randomUUID();
        Consent.ConsentPerson p = c.person();
        jdbc.update("""
                insert into consent_record (consent_id, given_name, family_name, date_of_birth, postcode, nhs_number, nino, upn,
                    partners, categories, purposes, given_by, given_on, expires_on, evidence, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, id);
            ps.setString(2, p.givenName());
            ps.setString(3, p.familyName());
            ps.setObject(4, p.dateOfBirth());
            ps.setString(5, p.postcode());
            ps.setString(6, p.nhsNumber());
            ps.setString(7, p.nino());
            ps.setString(8, p.upn());
            ps.setArray(9, ps.getConnection().createArrayOf("text", c.partners().toArray()));
            ps.setArray(10, ps.getConnection().createArrayOf("text", c.categories().toArray()));
            ps.setArray(11, ps.getConnection().createArrayOf("text", c.purposes().toArray()));
            ps.setString(12, c.givenBy());
            ps.setObject(13, c.givenOn());
            ps.setObject(14, c.expiresOn());
            ps.setString(15, c.evidence());
            ps.setString(16, recordedBy);
        });
        return id;
    }

    /** Consents not withdrawn that may cover this partner's records (date and scope are checked per record). */
    public List<Consent> inForceFor(String partner) {
        return jdbc.query("select * from consent_record where withdrawn_at is null and (? = any(partners) or '*' = any(partners))",
                ConsentStore::consent, partner);
    }

    public Optional<Consent> find(UUID id) {
        return jdbc.query("select * from consent_record where consent_id = ?", ConsentStore::consent, id).stream().findFirst();
    }

    public List<Consent> search(String familyName, String nhsNumber, String nino, String upn, LocalDate dateOfBirth, int limit) {
        StringBuilder sql = new StringBuilder("select * from consent_record where true");
        List<Object> args = new ArrayList<>();
        if (familyName != null) {
            sql.append(" and lower(family_name) = lower(?)");
            args.add(familyName.trim());
        }
        if (nhsNumber != null) {
            sql.append(" and replace(nhs_number, ' ', '') = ?");
            args.add(nhsNumber.replace(" ", ""));
        }
        if (nino != null) {
            sql.append(" and upper(replace(nino, ' ', '')) = ?");
            args.add(nino.replace(" ", "").toUpperCase());
        }
        if (upn != null) {
            sql.append(" and upper(upn) = ?");
            args.add(upn.trim().toUpperCase());
        }
        if (dateOfBirth != null) {
            sql.append(" and date_of_birth = ?");
            args.add(dateOfBirth);
        }
        sql.append(" order by recorded_at desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ConsentStore::consent, args.toArray());
    }

    /** True when it was in force and is now withdrawn. */
    public boolean withdraw(UUID id, String by) {
        return jdbc.update("update consent_record set withdrawn_at = now(), withdrawn_by = ? where consent_id = ? and withdrawn_at is null",
                by, id) == 1;
    }

    static Consent consent(ResultSet rs, int row) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new Consent(rs.getObject("consent_id", UUID.class),
                new Consent.ConsentPerson(rs.getString("given_name"), rs.getString("family_name"),
                        rs.getObject("date_of_birth", LocalDate.class), rs.getString("postcode"), rs.getString("nhs_number"),
                        rs.getString("nino"), rs.getString("upn")),
                new LinkedHashSet<>(AgreementStore.strings(rs.getArray("partners"))),
                new LinkedHashSet<>(AgreementStore.strings(rs.getArray("categories"))),
                new LinkedHashSet<>(AgreementStore.strings(rs.getArray("purposes"))),
                rs.getString("given_by"), rs.getObject("given_on", LocalDate.class), rs.getObject("expires_on", LocalDate.class),
                rs.getString("evidence"), withdrawn == null ? null : withdrawn.toInstant());
    }
}
