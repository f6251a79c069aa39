package org.familyhub.family;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.familyhub.linkage.HouseholdKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Family look-ups for the API: by id (old ids of merged families resolve), lists, search, allocation. */
@Component
public class FamilyQueries {

    private final JdbcTemplate jdbc;

    public FamilyQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One line of a list. */
    public record Item(String familyId, boolean eligible, int members, List<String> criteriaMet, String keyWorker) {
    }

    public record Page(List<Item> items, long total) {
    }

    /** What a search may give; any field may be null, at least one must be set. */
    public record Search(String givenName, String familyName, LocalDate dateOfBirth, String postcode, String nhsNumber,
                         String nino, String upn) {

        public boolean empty() {
            return givenName == null && familyName == null && dateOfBirth == null && postcode == null && nhsNumber == null
                    && nino == null && upn == null;
        }
    }

    /** The live family with this id, following merges: a family absorbed by another answers as that one. */
    public Optional<String> resolve(String familyId) {
        String id = familyId;
        for (int hops = 0; hops < 20; hops++) {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "select dissolved_at, merged_into from family where family_id = ?", id);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> row = rows.get(0);
            if (row.get("dissolved_at") == null) {
                return Optional.of(id);
            }
            if (row.get("merged_into") == null) {
                return Optional.empty();
            }
            id = (String) row.get("merged_into");
        }
        return Optional.empty();
    }

    public Optional<String> keyWorkerOf(String familyId) {
        return jdbc.queryForList("select key_worker from family_allocation where family_id = ?", String.class, familyId)
                .stream().findFirst();
    }

    /** Allocates the family to a key worker; a closed case is opened again. */
    public void allocate(String familyId, String keyWorker, String by) {
        jdbc.update("""
                insert into family_allocation (family_id, key_worker, allocated_by) values (?, ?, ?)
                on conflict (family_id) do update set key_worker = excluded.key_worker,
                       allocated_by = excluded.allocated_by, allocated_at = now(), closed_on = null, closed_by = null""",
                familyId, keyWorker, by);
    }

    /**
     * Closes the family's case (its allocation ends) on a date: sf-2022 claims need outcomes sustained after it.
     * Returns false when the family has no allocation to close.
     */
    public boolean closeCase(String familyId, LocalDate closedOn, String by) {
        return jdbc.update("update family_allocation set closed_on = ?, closed_by = ? where family_id = ?",
                closedOn, by, familyId) == 1;
    }

    public Optional<LocalDate> caseClosedOn(String familyId) {
        return jdbc.queryForList("select closed_on from family_allocation where family_id = ? and closed_on is not null",
                LocalDate.class, familyId).stream().findFirst();
    }

    /** @param eligible null for every family; @param keyWorker non-null limits the list to that worker's families */
    public Page page(Boolean eligible, String keyWorker, int page, int size) {
        StringBuilder where = new StringBuilder(" where f.dissolved_at is null");
        List<Object> args = new ArrayList<>();
        if (eligible != null) {
            where.append(" and f.eligible = ?");
            args.add(eligible);
        }
        if (keyWorker != null) {
            where.append(" and a.key_worker = ?");
            args.add(keyWorker);
        }
        String from = " from family f left join family_allocation a using (family_id)";
        Long total = jdbc.queryForObject("select count(*)" + from + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Item> items = jdbc.query("select f.family_id, f.eligible, f.members, f.criteria_met, a.key_worker" + from + where
                + " order by f.family_id limit ? offset ?", (rs, i) -> item(rs), args.toArray());
        return new Page(items, total == null ? 0 : total);
    }

    public List<Item> items(List<String> familyIds) {
        if (familyIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                select f.family_id, f.eligible, f.members, f.criteria_met, a.key_worker
                  from family f left join family_allocation a using (family_id)
                 where f.family_id = any(?) and f.dissolved_at is null order by f.family_id""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", familyIds.toArray())), (rs, i) -> item(rs));
    }

    private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Item(rs.getString(1), rs.getBoolean(2), rs.getInt(3), List.of((String[]) rs.getArray(4).getArray()),
                rs.getString(5));
    }

    /**
     * Families with a member matching every given field, over records that may be used for {@code purpose} (a search
     * for case coordination cannot find a family through data kept for identification only). Names match folded
     * (case, accents, hyphens) and by nickname; the postcode without spaces.
     */
    public List<String> search(Search s, String purpose) {
        StringBuilder sql = new StringBuilder("""
                select distinct m.family_id, l.given_norm from partner_record r
                  join person_link l on l.partner = r.partner and l.source_record_id = r.source_record_id
                  join family_member m on m.person_id = l.person_id
                  join family f on f.family_id = m.family_id and f.dissolved_at is null
                 where r.is_current and ? = any(r.purposes)""");
        List<Object> args = new ArrayList<>();
        args.add(purpose);
        if (s.familyName() != null) {
            sql.append(" and l.family_norm = ?");
            args.add(HouseholdKeys.family(s.familyName()));
        }
        if (s.dateOfBirth() != null) {
            sql.append(" and r.date_of_birth = ?");
            args.add(s.dateOfBirth());
        }
        if (s.postcode() != null) {
            sql.append(" and upper(replace(r.postcode, ' ', '')) = ?");
            args.add(s.postcode().replace(" ", "").toUpperCase(java.util.Locale.ROOT));
        }
        identifier(sql, args, "nhs_number", s.nhsNumber());
        identifier(sql, args, "nino", s.nino());
        identifier(sql, args, "upn", s.upn());
        sql.append(" limit 1000");
        String given = s.givenName() == null ? null : HouseholdKeys.given(s.givenName());
        Map<String, Boolean> out = new LinkedHashMap<>();
        jdbc.query(sql.toString(), rs -> {
            if (given == null || HouseholdKeys.sameGiven(given, rs.getString(2))) {
                out.put(rs.getString(1), true);
            }
        }, args.toArray());
        return new ArrayList<>(out.keySet());
    }

    private static void identifier(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" and r.").append(column).append(" = ?");
            args.add(value.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT));
        }
    }
}
