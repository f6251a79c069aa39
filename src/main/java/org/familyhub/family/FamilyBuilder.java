package org.familyhub.family;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.familyhub.family.StoredRecords.Stored;
import org.familyhub.linkage.HouseholdKeys;
import org.familyhub.linkage.Merge;
import org.familyhub.record.PartnerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Regroups the families around the persons a batch touched, inside the batch's transaction and under the linkage
 * lock. A family is a household (persons whose home is one address) plus the parents that feeds name while living
 * elsewhere. Only the households and families those persons belong to, or belonged to, are regrouped: never the
 * whole register. Ids are stable: a regrouped family keeps the id of the old family that gives it most members, a
 * family that splits keeps its id on its largest part, and every join, leave, merge and split is written to
 * {@code family_event}.
 */
@Component
public class FamilyBuilder {

    private static final String HOUSEHOLD = "HOUSEHOLD";
    private static final String STATED = "STATED";

    private final JdbcTemplate jdbc;
    private final StoredRecords stored;
    private final FamilyAssessor assessor;

    public FamilyBuilder(JdbcTemplate jdbc, StoredRecords stored, FamilyAssessor assessor) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.assessor = assessor;
    }

    /** @return the families whose view was reassessed */
    public Set<String> rebuild(Set<String> touched, List<Merge> merges) {
        applyMerges(merges);
        if (touched.isEmpty()) {
            return Set.of();
        }
        List<Object[]> events = new ArrayList<>();
        Map<String, List<Stored>> records = stored.of(touched);
        updateHomes(records);
        recordStatedParents(records);

        Set<String> people = new TreeSet<>(touched);
        people.addAll(childrenNaming(touched));
        Set<String> homes = new HashSet<>(homesOf(people).values());
        homes.addAll(strings("""
                select f.household_key from family f join family_member m using (family_id)
                 where m.person_id = any(?) and m.basis = 'HOUSEHOLD' and f.household_key is not null
                   and f.dissolved_at is null""", people));
        people.addAll(strings("select person_id from person where home_key = any(?) and merged_into is null", homes));
        Set<String> old = new TreeSet<>(strings("""
                select family_id from family where dissolved_at is null and household_key = any(?)
                union
                select m.family_id from family_member m join family f using (family_id)
                 where f.dissolved_at is null and m.person_id = any(?) and m.basis = 'HOUSEHOLD'""",
                homes, people));
        Map<String, String> homeOf = homesOf(people);
        Map<String, List<Stored>> peopleRecords = new HashMap<>(records);
        peopleRecords.putAll(stored.of(people.stream().filter(p -> !records.containsKey(p)).toList()));
        Map<String, List<Candidate>> namesakes = namesakes(peopleRecords);

        // households: persons at one home; a person placed nowhere is a household of one
        Map<String, Group> groups = new TreeMap<>();
        for (String p : people) {
            if (peopleRecords.getOrDefault(p, List.of()).isEmpty()) {
                continue; // every record of theirs was purged: no longer anyone's member
            }
            String home = homeOf.get(p);
            String key = home == null ? "person:" + p : home;
            groups.computeIfAbsent(key, k -> new Group(home)).household.add(p);
        }
        Map<String, Group> groupOf = new HashMap<>();
        groups.values().forEach(g -> g.household.forEach(p -> groupOf.put(p, g)));
        // parents named on a child's record who live elsewhere stay members of the child's family
        Set<String> statedAnywhere = new HashSet<>(strings("""
                select person_id from family_member where basis = 'STATED' and person_id = any(?)
                   and not (family_id = any(?))""", people, old));
        for (String child : people) {
            for (String parent : parentsOf(peopleRecords.getOrDefault(child, List.of()), groupOf.get(child), namesakes)) {
                Group g = groupOf.get(child);
                if (!g.household.contains(parent)) {
                    g.stated.add(parent);
                    statedAnywhere.add(parent);
                }
            }
        }
        // a parent who lives alone elsewhere belongs to the child's family only, not to a family of one
        groups.values().removeIf(g -> g.stated.isEmpty() && g.household.size() == 1
                && statedAnywhere.contains(g.household.iterator().next()));

        Map<String, Set<String>> before = members(old);
        Map<String, String> oldHousehold = new HashMap<>();
        before.forEach((f, ms) -> ms.forEach(p -> oldHousehold.putIfAbsent(p, f)));
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparingInt((Group g) -> -g.household.size()).thenComparing(g -> g.household.iterator().next()));
        Set<String> taken = new HashSet<>();
        for (Group g : ordered) {
            Map<String, Integer> overlap = new TreeMap<>();
            for (String p : g.household) {
                String f = oldHousehold.get(p);
                if (f != null && !taken.contains(f)) {
                    overlap.merge(f, 1, Integer::sum);
                }
            }
            g.id = overlap.entrySet().stream().max(Comparator.comparingInt(Map.Entry<String, Integer>::getValue)
                    .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).map(Map.Entry::getKey).orElse(null);
            if (g.id != null) {
                taken.add(g.id);
            }
        }
        long fresh = ordered.stream().filter(g -> g.id == null).count();
        java.util.Iterator<String> newIds = fresh == 0 ? java.util.Collections.emptyIterator() : jdbc.queryForList(
                "select 'F' || lpad(nextval('family_seq')::text, 9, '0') from generate_series(1, ?)", String.class, fresh).iterator();
        List<Object[]> created = new ArrayList<>();
        for (Group g : ordered) {
            if (g.id == null) {
                g.id = newIds.next();
                created.add(new Object[] {g.id, g.home});
                event(events, g.id, "CREATED", null, null);
                // a new family made of members of an old one that goes on: a split
                g.household.stream().map(oldHousehold::get).filter(f -> f != null && taken.contains(f)).distinct()
                        .forEach(f -> event(events, g.id, "SPLIT_FROM", null, f));
            }
        }
        jdbc.batchUpdate("insert into family (family_id, household_key) values (?, ?)", created);
        Map<String, String> newFamilyOf = new HashMap<>();
        ordered.forEach(g -> g.household.forEach(p -> newFamilyOf.put(p, g.id)));
        for (String f : old) {
            if (!taken.contains(f)) {
                // gone: absorbed into the family most of its members joined, or dissolved
                Map<String, Integer> where = new TreeMap<>();
                before.get(f).forEach(p -> {
                    String to = newFamilyOf.get(p);
                    if (to != null) {
                        where.merge(to, 1, Integer::sum);
                    }
                });
                String into = where.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
                assessor.ended(f, into);
                jdbc.update("update family set dissolved_at = now(), merged_into = ?, members = 0, eligible = false,"
                        + " updated_at = now() where family_id = ?", into, f);
                jdbc.update("delete from family_member where family_id = ?", f);
                jdbc.update("delete from family_allocation where family_id = ?", f);
                if (into != null) {
                    event(events, f, "MERGED_INTO", null, into);
                    event(events, into, "ABSORBED", null, f);
                } else {
                    event(events, f, "DISSOLVED", null, null);
                }
            }
        }
        Set<String> reassess = new TreeSet<>();
        Map<String, Map<String, String>> membership = basisOf(ordered.stream().map(g -> g.id).toList());
        List<Object[]> joined = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        List<Object[]> counts = new ArrayList<>();
        for (Group g : ordered) {
            Map<String, String> now = new LinkedHashMap<>();
            g.household.forEach(p -> now.put(p, HOUSEHOLD));
            g.stated.forEach(p -> now.putIfAbsent(p, STATED));
            Map<String, String> was = membership.getOrDefault(g.id, Map.of());
            for (String p : was.keySet()) {
                if (!now.containsKey(p)) {
                    event(events, g.id, "MEMBER_LEFT", p, null);
                }
            }
            for (Map.Entry<String, String> e : now.entrySet()) {
                if (!was.containsKey(e.getKey())) {
                    event(events, g.id, "MEMBER_JOINED", e.getKey(), null);
                }
            }
            if (!was.equals(now)) {
                rewritten.add(g.id);
                now.forEach((person, basis) -> joined.add(new Object[] {g.id, person, basis}));
            }
            counts.add(new Object[] {g.home, now.size(), g.id});
            reassess.add(g.id);
        }
        if (!rewritten.isEmpty()) {
            jdbc.update("delete from family_member where family_id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", rewritten.toArray())));
            jdbc.batchUpdate("insert into family_member (family_id, person_id, basis) values (?, ?, ?)", joined);
        }
        jdbc.batchUpdate("update family set household_key = ?, members = ?, updated_at = now() where family_id = ?", counts);
        jdbc.batchUpdate("insert into family_event (family_id, kind, person_id, other_family) values (?, ?, ?, ?)", events);
        // families elsewhere where a touched person is a stated member: their records count there too
        reassess.addAll(strings("""
                select distinct m.family_id from family_member m join family f using (family_id)
                 where m.person_id = any(?) and f.dissolved_at is null""", touched));
        assessor.reassess(reassess, peopleRecords);
        return reassess;
    }

    private static final class Group {
        final String home;
        final Set<String> household = new TreeSet<>();
        final Set<String> stated = new TreeSet<>();
        String id;

        Group(String home) {
            this.home = home;
        }
    }

    /** The retired person's family places pass to the person kept (once per family). */
    private void applyMerges(List<Merge> merges) {
        for (Merge m : merges) {
            jdbc.update("""
                    update family_member m set person_id = ? where person_id = ?
                       and not exists (select 1 from family_member k where k.family_id = m.family_id and k.person_id = ?)""",
                    m.kept(), m.retired(), m.kept());
            jdbc.update("delete from family_member where person_id = ?", m.retired());
        }
    }

    private void updateHomes(Map<String, List<Stored>> records) {
        List<Object[]> rows = new ArrayList<>();
        records.forEach((person, list) -> {
            HomeChooser.Home home = HomeChooser.choose(list.stream().map(Stored::record).toList());
            rows.add(new Object[] {home == null ? null : home.key(), home == null ? null : home.on(), person});
        });
        jdbc.batchUpdate("update person set home_key = ?, home_on = ? where person_id = ?", rows);
    }

    /** Keeps the parents each child's school returns name, so they can be found when their own records arrive. */
    private void recordStatedParents(Map<String, List<Stored>> records) {
        List<Object[]> rows = new ArrayList<>();
        records.values().forEach(list -> list.forEach(s -> {
            for (ParentMention p : parents(s.record())) {
                rows.add(new Object[] {s.record().partner() + "|" + s.record().sourceRecordId(), p.relationship,
                        p.given, p.family});
            }
        }));
        jdbc.batchUpdate("""
                insert into stated_relation (record_key, relationship, given_norm, family_norm) values (?, ?, ?, ?)
                on conflict do nothing""", rows);
    }

    /** Children whose records name one of these persons as a parent (the parent's records came after the child's). */
    private Set<String> childrenNaming(Set<String> persons) {
        Set<String> children = new HashSet<>();
        Map<String, List<String[]>> names = new HashMap<>();
        jdbc.query("select distinct person_id, given_norm, family_norm from person_link where person_id = any(?) and family_norm is not null",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", persons.toArray())),
                rs -> {
                    names.computeIfAbsent(rs.getString(3), k -> new ArrayList<>()).add(new String[] {rs.getString(1), rs.getString(2)});
                });
        if (names.isEmpty()) {
            return children;
        }
        jdbc.query("""
                select s.given_norm, s.family_norm, l.person_id from stated_relation s
                  join person_link l on l.record_key = s.record_key where s.family_norm = any(?)""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", names.keySet().toArray())),
                rs -> {
                    for (String[] n : names.getOrDefault(rs.getString(2), List.of())) {
                        if (HouseholdKeys.sameGiven(n[1], rs.getString(1))) {
                            children.add(rs.getString(3));
                        }
                    }
                });
        return children;
    }

    private record ParentMention(String relationship, String given, String family) {
    }

    private static List<ParentMention> parents(PartnerRecord r) {
        if (!(r.facts().get("parents") instanceof List<?> list)) {
            return List.of();
        }
        List<ParentMention> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                String given = HouseholdKeys.given((String) m.get("givenName"));
                String family = HouseholdKeys.family((String) m.get("familyName"));
                if (given != null && family != null) {
                    Object rel = m.get("relationship");
                    out.add(new ParentMention(rel == null ? "PARENT" : rel.toString(), given, family));
                }
            }
        }
        return out;
    }

    /** A person a school return may name as a parent: linked under that family name. */
    private record Candidate(String personId, String given, LocalDate dateOfBirth) {
    }

    /** Persons under every family name the children's records give for a parent, in one query. */
    private Map<String, List<Candidate>> namesakes(Map<String, List<Stored>> records) {
        Set<String> names = new HashSet<>();
        records.values().forEach(list -> list.forEach(s -> parents(s.record()).forEach(p -> names.add(p.family))));
        Map<String, List<Candidate>> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        jdbc.query("select distinct family_norm, person_id, given_norm, date_of_birth from person_link where family_norm = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", names.toArray())),
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Candidate(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class)));
                });
        return out;
    }

    /**
     * The persons a child's records name as parents: a namesake in the child's household if there is one (nothing
     * to add), else the one person of that name at least twelve years older than the child; none when ambiguous.
     */
    private static List<String> parentsOf(List<Stored> records, Group household, Map<String, List<Candidate>> namesakes) {
        Set<ParentMention> mentions = new LinkedHashSet<>();
        LocalDate childDob = null;
        for (Stored s : records) {
            mentions.addAll(parents(s.record()));
            if (childDob == null) {
                childDob = s.record().subject().dateOfBirth();
            }
        }
        if (mentions.isEmpty()) {
            return List.of();
        }
        LocalDate latestParentDob = childDob == null ? null : childDob.minusYears(12);
        List<String> found = new ArrayList<>();
        for (ParentMention m : mentions) {
            Set<String> candidates = new TreeSet<>();
            for (Candidate c : namesakes.getOrDefault(m.family, List.of())) {
                if (HouseholdKeys.sameGiven(m.given, c.given())
                        && (c.dateOfBirth() == null || latestParentDob == null || !c.dateOfBirth().isAfter(latestParentDob))) {
                    candidates.add(c.personId());
                }
            }
            if (candidates.stream().anyMatch(household.household::contains)) {
                continue;
            }
            if (candidates.size() == 1) {
                found.add(candidates.iterator().next());
            }
        }
        return found;
    }

    private Map<String, String> homesOf(Collection<String> persons) {
        Map<String, String> out = new HashMap<>();
        jdbc.query("select person_id, home_key from person where person_id = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", persons.toArray())),
                rs -> {
                    if (rs.getString(2) != null) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                });
        return out;
    }

    private Map<String, Set<String>> members(Collection<String> families) {
        Map<String, Set<String>> out = new TreeMap<>();
        families.forEach(f -> out.put(f, new TreeSet<>()));
        jdbc.query("select family_id, person_id from family_member where family_id = any(?) and basis = 'HOUSEHOLD'",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", families.toArray())),
                rs -> {
                    out.get(rs.getString(1)).add(rs.getString(2));
                });
        return out;
    }

    private Map<String, Map<String, String>> basisOf(List<String> families) {
        Map<String, Map<String, String>> out = new HashMap<>();
        jdbc.query("select family_id, person_id, basis from family_member where family_id = any(?) order by person_id",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", families.toArray())),
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return out;
    }

    private List<String> strings(String sql, Collection<?>... arrays) {
        return jdbc.query(sql, ps -> {
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("text", arrays[i].toArray()));
            }
        }, (rs, i) -> rs.getString(1));
    }

    private static void event(List<Object[]> events, String family, String kind, String person, String other) {
        events.add(new Object[] {family, kind, person, other});
    }
}
