package org.familyhub.family;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.familyhub.db.PgUnnest;
import org.familyhub.ingest.IngestMetrics;
import org.familyhub.family.StoredRecords.Stored;
import org.familyhub.linkage.HouseholdKeys;
import org.familyhub.linkage.Merge;
import org.familyhub.linkage.PersonIndex;
import org.familyhub.linkage.store.ResidentPersonIndex;
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
    private static final String POSTCODE = "POSTCODE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final StoredRecords stored;
    private final FamilyAssessor assessor;
    private final ResidentPersonIndex resident;
    private final IngestMetrics metrics;

    public FamilyBuilder(JdbcTemplate jdbc, StoredRecords stored, FamilyAssessor assessor, ResidentPersonIndex resident,
                         IngestMetrics metrics) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.assessor = assessor;
        this.resident = resident;
        this.metrics = metrics;
    }

    /** @return the families whose view was reassessed */
    public Set<String> rebuild(Set<String> touched, List<Merge> merges) {
        return rebuild(touched, merges, null);
    }

    /**
     * @param linked the record keys just linked, whose stated parents are recorded now (the touched persons' other
     *               records had theirs recorded when they were linked); null records those of every record read
     * @return the families whose view was reassessed
     */
    public Set<String> rebuild(Set<String> touched, List<Merge> merges, Set<String> linked) {
        applyMerges(merges);
        if (touched.isEmpty()) {
            return Set.of();
        }
        var phase = metrics.start();
        List<Object[]> events = new ArrayList<>();
        Map<String, List<Stored>> records = stored.of(touched);
        phase = metrics.phaseDone(phase, "read");
        updateHomes(records);
        phase = metrics.phaseDone(phase, "homes");
        recordStatedParents(records, linked);
        phase = metrics.phaseDone(phase, "stated");

        // Who each person's records name as parents: from the records just read for the touched persons, from a
        // narrow read (no facts beyond the parents) for the others, whose families may well need no reassessment.
        Map<String, Mentions> mentions = new HashMap<>();
        records.forEach((p, list) -> mentions.put(p, Mentions.of(list)));
        Set<String> people = new TreeSet<>(touched);
        people.addAll(childrenNaming(touched));
        Set<String> homes = new HashSet<>();
        addHouseholds(people, homes);
        mentions.putAll(mentionsOf(people.stream().filter(p -> !mentions.containsKey(p)).toList()));
        // The parents those records name are regrouped too, with whoever lives with them: a parent who lives alone
        // elsewhere and whose own records came first has a family of one, which must go when a child names them.
        Set<String> named = new TreeSet<>();
        // After a batch is linked, the resident index holds every current record's name and person: common names
        // cost a query that grew with the register (at a million records, 100,000 rows a batch). Otherwise (a
        // reviewer's decision, a purge) the stored links are asked, for the same current records.
        PersonIndex index = resident.ifCurrent();
        Namesakes firstSakes = index != null ? new Namesakes(index) : new Namesakes(namesakes(mentions.values()));
        Map<String, Set<String>> atHome = new HashMap<>();
        Set<String> homesRead = new HashSet<>(people);
        Map<String, String> homeOf = homesOf(people);
        homeOf.forEach((p, home) -> atHome.computeIfAbsent(home, k -> new HashSet<>()).add(p));
        Map<String, Set<String>> household = new HashMap<>();
        atHome.values().forEach(ps -> ps.forEach(p -> household.put(p, ps)));
        Shared firstShared = sharedRefs(people, p -> household.getOrDefault(p, Set.of(p)), mentions, firstSakes);
        people.forEach(child -> named.addAll(parentsOf(mentions.getOrDefault(child, Mentions.NONE),
                household.getOrDefault(child, Set.of(child)), firstSakes, firstShared)));
        named.removeAll(people);
        if (!named.isEmpty()) {
            addHouseholds(named, homes);
            people.addAll(named);
        }
        phase = metrics.phaseDone(phase, "parents");
        Map<String, String> placed = placeByPostcode(people, homes);
        phase = metrics.phaseDone(phase, "postcodes");
        List<String> unread = people.stream().filter(p -> !mentions.containsKey(p)).toList();
        mentions.putAll(mentionsOf(unread));
        Set<String> old = new TreeSet<>(strings("""
                select family_id from family where dissolved_at is null and household_key = any(?)
                union
                select m.family_id from family_member m join family f using (family_id)
                 where f.dissolved_at is null and m.person_id = any(?) and m.basis <> 'STATED'""",
                homes, people));
        // homes do not move while a batch is grouped: only the persons added since are read
        homeOf.putAll(homesOf(people.stream().filter(p -> !homesRead.contains(p)).toList()));
        // only the names the persons added since name are asked for: the query grows with the register
        Namesakes namesakes = index != null || unread.isEmpty() ? firstSakes : firstSakes.with(
                namesakes(unread.stream().map(mentions::get).filter(java.util.Objects::nonNull).toList()));

        // households: persons at one home; a person placed nowhere is a household of one
        Map<String, Group> groups = new TreeMap<>();
        for (String p : people) {
            List<Stored> own = records.get(p);
            if (own != null && own.isEmpty()) {
                continue; // every record of theirs was purged (a purge touches them): no longer anyone's member
            }
            String home = homeOf.getOrDefault(p, placed.get(p));
            String key = home == null ? "person:" + p : home;
            Group g = groups.computeIfAbsent(key, k -> new Group(home));
            g.household.add(p);
            if (!homeOf.containsKey(p) && home != null) {
                g.byPostcode.add(p);
            }
        }
        Map<String, Group> groupOf = new HashMap<>();
        groups.values().forEach(g -> g.household.forEach(p -> groupOf.put(p, g)));
        // parents named on a child's record who live elsewhere stay members of the child's family
        Shared shared = sharedRefs(groupOf.keySet(), p -> groupOf.get(p).household, mentions, namesakes);
        // (the families being regrouped are left out here, not in the query: testing each row against every one of
        // them there cost a quarter of a second a batch at a million records)
        Set<String> statedAnywhere = new HashSet<>();
        jdbc.query("select person_id, family_id from family_member where basis = 'STATED' and person_id = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", people.toArray())),
                rs -> {
                    if (!old.contains(rs.getString(2))) {
                        statedAnywhere.add(rs.getString(1));
                    }
                });
        for (String child : people) {
            Group g = groupOf.get(child);
            if (g == null) {
                continue; // purged
            }
            for (String parent : parentsOf(mentions.getOrDefault(child, Mentions.NONE), g.household, namesakes, shared)) {
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
        PgUnnest.update(jdbc, "insert into family (family_id, household_key) select * from unnest(?::text[], ?::text[])",
                2, created);
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
        phase = metrics.phaseDone(phase, "regroup");
        Set<String> reassess = new TreeSet<>();
        Set<String> quiet = new HashSet<>();
        Map<String, Map<String, String>> membership = basisOf(ordered.stream().map(g -> g.id).toList());
        List<Object[]> joined = new ArrayList<>();
        List<Object[]> left = new ArrayList<>();
        List<Object[]> counts = new ArrayList<>();
        for (Group g : ordered) {
            Map<String, String> now = new LinkedHashMap<>();
            g.household.forEach(p -> now.put(p, g.byPostcode.contains(p) ? POSTCODE : HOUSEHOLD));
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
            // only the rows that change: most families a batch regroups gain or lose one member, if any
            was.forEach((person, basis) -> {
                if (!basis.equals(now.get(person))) {
                    left.add(new Object[] {g.id, person});
                }
            });
            now.forEach((person, basis) -> {
                if (!basis.equals(was.get(person))) {
                    joined.add(new Object[] {g.id, person, basis});
                }
            });
            counts.add(new Object[] {g.home, now.size(), g.id});
            // Same members as before, none of whose records changed: its view can only change with the day or the
            // framework, so it is reassessed only if it was last assessed on another day or under another framework.
            if (!was.equals(now) || now.keySet().stream().anyMatch(touched::contains)) {
                reassess.add(g.id);
            } else {
                quiet.add(g.id);
            }
        }
        PgUnnest.update(jdbc, """
                delete from family_member m using unnest(?::text[], ?::text[]) as u(family_id, person_id)
                 where m.family_id = u.family_id and m.person_id = u.person_id""", 2, left);
        PgUnnest.update(jdbc, """
                insert into family_member (family_id, person_id, basis)
                select * from unnest(?::text[], ?::text[], ?::text[])""", 3, joined);
        PgUnnest.update(jdbc, """
                update family f set household_key = u.household_key, members = u.members::integer, updated_at = now()
                  from unnest(?::text[], ?::text[], ?::text[]) as u(household_key, members, family_id)
                 where f.family_id = u.family_id
                   and (f.household_key is distinct from u.household_key or f.members <> u.members::integer)""", 3, counts);
        PgUnnest.update(jdbc, """
                insert into family_event (family_id, kind, person_id, other_family)
                select family_id, kind, person_id, other_family
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                       as u(family_id, kind, person_id, other_family, n)
                 order by n""", 4, events);
        // families elsewhere where a touched person is a stated member: their records count there too
        reassess.addAll(strings("""
                select distinct m.family_id from family_member m join family f using (family_id)
                 where m.person_id = any(?) and f.dissolved_at is null""", touched));
        quiet.removeAll(reassess);
        quiet.removeAll(assessor.assessedToday(quiet));
        reassess.addAll(quiet);
        phase = metrics.phaseDone(phase, "members");
        assessor.reassess(reassess, records);
        metrics.phaseDone(phase, "assess");
        return reassess;
    }

    private static final class Group {
        final String home;
        final Set<String> household = new TreeSet<>();
        final Set<String> stated = new TreeSet<>();
        /** Household members placed by postcode and family name, their records giving no house. */
        final Set<String> byPostcode = new TreeSet<>();
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

    /** Each person's home, and the family names their records give (who bears which name where: {@link #placeByPostcode}). */
    private void updateHomes(Map<String, List<Stored>> records) {
        List<Object[]> rows = new ArrayList<>();
        records.forEach((person, list) -> {
            HomeChooser.Home home = HomeChooser.choose(list.stream().map(Stored::record).toList());
            // folded names are letters and digits only, so '|' can join them
            Set<String> names = new TreeSet<>();
            list.forEach(s -> {
                String name = s.record().subject() == null ? null : HouseholdKeys.family(s.record().subject().familyName());
                if (name != null) {
                    names.add(name);
                }
            });
            rows.add(new Object[] {home == null ? null : home.key(), home == null ? null : home.on(),
                    home == null ? null : home.postcode(), names.isEmpty() ? null : String.join("|", names), person});
        });
        // only the rows that changed: most persons of a batch live where they did, under the names they had
        PgUnnest.update(jdbc, """
                update person p set home_key = u.home_key, home_on = u.home_on::date, home_postcode = u.home_postcode,
                       family_norms = string_to_array(u.names, '|')
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       as u(home_key, home_on, home_postcode, names, person_id)
                 where p.person_id = u.person_id
                   and (p.home_key is distinct from u.home_key or p.home_on is distinct from u.home_on::date
                        or p.home_postcode is distinct from u.home_postcode
                        or p.family_norms is distinct from string_to_array(u.names, '|'))""", 5, rows);
    }

    /** Keeps the parents each child's school returns name, so they can be found when their own records arrive. */
    private void recordStatedParents(Map<String, List<Stored>> records, Set<String> linked) {
        List<Object[]> rows = new ArrayList<>();
        records.values().forEach(list -> list.forEach(s -> {
            if (linked != null && !linked.contains(s.record().key())) {
                return;
            }
            for (ParentMention p : parents(s.record())) {
                rows.add(new Object[] {s.record().key(), p.relationship,
                        p.given, p.family});
            }
        }));
        PgUnnest.update(jdbc, """
                insert into stated_relation (record_key, relationship, given_norm, family_norm)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[])
                on conflict do nothing""", 4, rows);
    }

    /**
     * Children whose records name one of these persons as a parent (the parent's records came after the child's), or
     * whose family has one of them as a stated parent. A child is left out when none of these persons could be the
     * parent it names: every record of theirs under that name gives a date of birth less than twelve years before the
     * child's ({@link #choices}' rule; judged here by the naming record's date, less a year, as a child's records may
     * disagree on it). Common names otherwise brought back every child naming any bearer (a ten-year-old John Smith's
     * school record regrouped every family whose child names a John Smith as a parent), and that grew with the register.
     */
    private Set<String> childrenNaming(Set<String> persons) {
        // the (family, given) names a record may give for one of these persons: their linked names, every nickname
        // form; with the earliest date of birth their records give under it (MIN: one gives none, so any child may)
        Map<List<String>, LocalDate> earliest = new HashMap<>();
        jdbc.query("""
                select distinct given_norm, family_norm, subject_dob from person_link
                 where person_id = any(?) and family_norm is not null and given_norm is not null""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", persons.toArray())),
                rs -> {
                    String family = rs.getString(2);
                    LocalDate dob = rs.getObject(3, LocalDate.class);
                    HouseholdKeys.givenForms(rs.getString(1)).forEach(form -> earliest.merge(List.of(family, form),
                            dob == null ? LocalDate.MIN : dob, (x, y) -> x.isBefore(y) ? x : y));
                });
        Set<String> out = new HashSet<>();
        if (!earliest.isEmpty()) {
            List<List<String>> names = new ArrayList<>(earliest.keySet());
            out.addAll(jdbc.query("""
                    select distinct l.person_id
                      from unnest(?::text[], ?::text[], ?::text[]) as n(family_norm, given_norm, earliest)
                      join stated_relation s on s.family_norm = n.family_norm and s.given_norm = n.given_norm
                      join person_link l on l.record_key = s.record_key
                     where n.earliest is null or l.subject_dob is null or l.subject_dob >= n.earliest::date + interval '11 years'""",
                    ps -> {
                        ps.setArray(1, ps.getConnection().createArrayOf("text", names.stream().map(n -> n.get(0)).toArray()));
                        ps.setArray(2, ps.getConnection().createArrayOf("text", names.stream().map(n -> n.get(1)).toArray()));
                        ps.setArray(3, ps.getConnection().createArrayOf("text", names.stream().map(n -> {
                            LocalDate d = earliest.get(n);
                            return d.equals(LocalDate.MIN) ? null : d.toString();
                        }).toArray()));
                    },
                    (rs, i) -> rs.getString(1)));
        }
        // a stated parent whose records now say otherwise (another date of birth, a name) may no longer be the one
        out.addAll(strings("""
                select k.person_id from family_member m join family_member k using (family_id)
                 where m.person_id = any(?) and m.basis = 'STATED' and k.basis <> 'STATED'""", persons));
        return out;
    }

    private record ParentMention(String relationship, String given, String family) {
    }

    private static List<ParentMention> parents(PartnerRecord r) {
        return parents(r.facts().get("parents"));
    }

    /** The parents a record's {@code parents} fact names, with a name to find them by. */
    private static List<ParentMention> parents(Object fact) {
        if (!(fact instanceof List<?> list)) {
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
    private record Candidate(String personId, LocalDate dateOfBirth) {
    }

    /**
     * A person's current records as parent-finding needs them: the parents they name, in record order, and the first
     * date of birth they give.
     */
    private record Mentions(Set<ParentMention> parents, LocalDate dateOfBirth) {

        static final Mentions NONE = new Mentions(Set.of(), null);

        static Mentions of(List<Stored> records) {
            Set<ParentMention> parents = new LinkedHashSet<>();
            LocalDate dob = null;
            for (Stored s : records) {
                parents.addAll(FamilyBuilder.parents(s.record()));
                if (dob == null) {
                    dob = s.record().subject().dateOfBirth();
                }
            }
            return new Mentions(parents, dob);
        }
    }

    /** {@link Mentions} of persons, reading only the date of birth and the parents fact of their current records. */
    private Map<String, Mentions> mentionsOf(Collection<String> persons) {
        Map<String, Mentions> out = new HashMap<>();
        if (persons.isEmpty()) {
            return out;
        }
        Map<String, Set<ParentMention>> parents = new HashMap<>();
        Map<String, LocalDate> dobs = new HashMap<>();
        // in StoredRecords' order, so the first date of birth is the same one
        jdbc.query("""
                select l.person_id, l.subject_dob, l.parents
                  from person_link l
                 where l.person_id = any(?) and l.record_id is not null
                 order by l.person_id, l.observed_at nulls first, l.partner, l.source_record_id""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", persons.toArray())),
                rs -> {
                    String person = rs.getString(1);
                    Set<ParentMention> named = parents.computeIfAbsent(person, k -> new LinkedHashSet<>());
                    String fact = rs.getString(3);
                    if (fact != null) {
                        named.addAll(parents(readJson(fact)));
                    }
                    LocalDate dob = rs.getObject(2, LocalDate.class);
                    if (dob != null) {
                        dobs.putIfAbsent(person, dob);
                    }
                });
        parents.forEach((person, named) -> out.put(person, new Mentions(named, dobs.get(person))));
        return out;
    }

    private static Object readJson(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Persons a child's records may name as a parent, in one query: linked under a family name the records give for a
     * parent, with a given name {@link HouseholdKeys#sameGiven} accepts (asked for by equality on every nickname form,
     * so common family names do not bring back everyone who bears them).
     */
    private Map<String, List<Candidate>> namesakes(Collection<Mentions> mentions) {
        Set<List<String>> names = new HashSet<>();
        mentions.forEach(m -> m.parents().forEach(p -> HouseholdKeys.givenForms(p.given)
                .forEach(form -> names.add(List.of(p.family, form)))));
        Map<String, List<Candidate>> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        jdbc.query("""
                select distinct l.family_norm, l.person_id, l.given_norm, l.subject_dob
                  from unnest(?::text[], ?::text[]) as n(family_norm, given_norm)
                  join person_link l on l.family_norm = n.family_norm and l.given_norm = n.given_norm
                 where l.subject_current""",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", names.stream().map(n -> n.get(0)).toArray()));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", names.stream().map(n -> n.get(1)).toArray()));
                },
                rs -> {
                    out.computeIfAbsent(nameKey(rs.getString(1), rs.getString(3)), k -> new ArrayList<>())
                            .add(new Candidate(rs.getString(2), rs.getObject(4, LocalDate.class)));
                });
        return out;
    }

    /** Namesakes are filed by family and given name together: a common family name is not read through per mention. */
    private static String nameKey(String family, String given) {
        return family + "\u0000" + given;
    }

    /**
     * The persons a child's records name as parents: a namesake in the child's household if there is one (nothing
     * to add), else the one person of that name at least twelve years older than the child. When several could be
     * meant, the one who shares a police incident, a tenancy or a postcode with the child or the child's household
     * is; none when that does not settle it either.
     */
    private static List<String> parentsOf(Mentions child, Set<String> household, Namesakes namesakes, Shared shared) {
        List<String> found = new ArrayList<>();
        Set<String> together = null;
        for (Choice c : choices(child, namesakes)) {
            if (c.count() == 0 || c.anyOf(household)) {
                continue;
            }
            if (c.count() == 1) {
                found.add(c.meant().persons[0]);
                continue;
            }
            if (together == null) {
                together = new HashSet<>();
                for (String p : household) {
                    together.addAll(shared.refsOf().getOrDefault(p, Set.of()));
                }
            }
            // from the household's references to who else has them, not through every namesake (hundreds for a
            // common name): the one of them who could be meant, if only one can
            Set<String> involved = new HashSet<>();
            for (String ref : together) {
                for (String p : shared.personsWith().getOrDefault(ref, List.of())) {
                    if (c.couldMean(p)) {
                        involved.add(p);
                    }
                }
                if (involved.size() > 1) {
                    break;
                }
            }
            if (involved.size() == 1) {
                found.add(involved.iterator().next());
            }
        }
        return found;
    }

    /**
     * The persons a parent's name may mean (every nickname form of the given name), each with the earliest date of
     * birth their records give under it ({@link LocalDate#MIN} when one gives none), earliest first: those old enough
     * to be a child's parent are a prefix, found by binary search, where a set per child and mention cost most of the
     * grouping's own time at a million records.
     */
    private static final class Meant {
        final String[] persons;
        final LocalDate[] earliest;
        final Map<String, LocalDate> byPerson;

        Meant(Map<String, LocalDate> byPerson) {
            this.byPerson = byPerson;
            this.persons = byPerson.keySet().toArray(new String[0]);
            java.util.Arrays.sort(persons, Comparator.comparing((String p) -> byPerson.get(p)).thenComparing(p -> p));
            this.earliest = new LocalDate[persons.length];
            for (int i = 0; i < persons.length; i++) {
                earliest[i] = byPerson.get(persons[i]);
            }
        }

        /** How many were born on or before {@code latest} (all when it is null: the child's age is not known). */
        int bornBy(LocalDate latest) {
            if (latest == null) {
                return persons.length;
            }
            int lo = 0;
            int hi = persons.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (earliest[mid].isAfter(latest)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    /** The first {@code count} persons of {@code meant}: those old enough to be the parent of a child born after {@code latest}. */
    private record Choice(Meant meant, int count, LocalDate latest) {

        boolean anyOf(Set<String> persons) {
            for (String p : persons) {
                if (couldMean(p)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code person} is one of the first {@code count}: of this name, and old enough. */
        boolean couldMean(String person) {
            LocalDate e = meant.byPerson.get(person);
            return e != null && (latest == null || !e.isAfter(latest));
        }
    }

    /**
     * Namesakes by family and given name (read from the resident index, or asked of the stored links beforehand), and
     * the {@link Meant} of each name a record gives for a parent.
     */
    private static final class Namesakes {
        private final Map<String, List<Candidate>> byName;
        private final PersonIndex index;
        private final Map<List<String>, Meant> meant = new HashMap<>();

        Namesakes(Map<String, List<Candidate>> byName) {
            this.byName = byName;
            this.index = null;
        }

        Namesakes(PersonIndex index) {
            this.byName = null;
            this.index = index;
        }

        /** These and more: names already here keep their namesakes. */
        Namesakes with(Map<String, List<Candidate>> more) {
            Map<String, List<Candidate>> all = new HashMap<>(byName);
            more.forEach(all::putIfAbsent);
            return new Namesakes(all);
        }

        Meant of(String family, String given) {
            return meant.computeIfAbsent(List.of(family, given), k -> {
                Map<String, LocalDate> earliest = new HashMap<>();
                java.util.function.BiConsumer<String, LocalDate> add = (person, dob) -> earliest.merge(person,
                        dob == null ? LocalDate.MIN : dob, (x, y) -> x.isBefore(y) ? x : y);
                // the given names sameGiven accepts are exactly these forms, so each is looked up rather than tested
                for (String form : HouseholdKeys.givenForms(given)) {
                    if (index != null) {
                        Map<Long, LocalDate> bySeq = new HashMap<>();
                        index.namesakes(family, form, (dob, seq) -> bySeq.merge(seq, dob == null ? LocalDate.MIN : dob,
                                (x, y) -> x.isBefore(y) ? x : y));
                        bySeq.forEach((seq, dob) -> add.accept(PersonIndex.personId(seq), dob));
                    } else {
                        for (Candidate c : byName.getOrDefault(nameKey(family, form), List.of())) {
                            add.accept(c.personId(), c.dateOfBirth());
                        }
                    }
                }
                return new Meant(earliest);
            });
        }
    }

    /** Per parent a child's records name: the persons of that name at least twelve years older than the child. */
    private static List<Choice> choices(Mentions child, Namesakes namesakes) {
        LocalDate childDob = child.dateOfBirth();
        LocalDate latestParentDob = childDob == null ? null : childDob.minusYears(12);
        List<Choice> out = new ArrayList<>(child.parents().size());
        for (ParentMention m : child.parents()) {
            Meant meant = namesakes.of(m.family, m.given);
            out.add(new Choice(meant, meant.bornBy(latestParentDob), latestParentDob));
        }
        return out;
    }

    /** The references ({@link #sharedRefs}) of each person, and the persons with each reference. */
    private record Shared(Map<String, Set<String>> refsOf, Map<String, List<String>> personsWith) {

        static Shared of(Map<String, Set<String>> refsOf) {
            Map<String, List<String>> personsWith = new HashMap<>();
            refsOf.forEach((person, refs) -> refs.forEach(r -> personsWith.computeIfAbsent(r, k -> new ArrayList<>()).add(person)));
            return new Shared(refsOf, personsWith);
        }
    }

    /**
     * The incidents, tenancies ({@code person_link.shared_ref}) and home postcodes that tell apart the parent a school
     * return names when several namesakes could be meant: the naming child's household's, and those of the namesakes
     * that the household shares (looked up by reference, so common names do not bring back every record of everyone
     * who bears them).
     */
    private Shared sharedRefs(Set<String> children, java.util.function.Function<String, Set<String>> householdOf,
                              Map<String, Mentions> mentions, Namesakes namesakes) {
        Set<String> households = new HashSet<>();
        // per name, the most of its persons any child could mean (they are a prefix): each added once
        Map<Meant, Integer> widest = new java.util.IdentityHashMap<>();
        for (String child : children) {
            Set<String> household = householdOf.apply(child);
            for (Choice c : choices(mentions.getOrDefault(child, Mentions.NONE), namesakes)) {
                if (c.count() > 1 && !c.anyOf(household)) {
                    widest.merge(c.meant(), c.count(), Math::max);
                    households.addAll(household);
                }
            }
        }
        Set<String> candidates = new HashSet<>();
        widest.forEach((meant, count) -> candidates.addAll(java.util.Arrays.asList(meant.persons).subList(0, count)));
        Map<String, Set<String>> out = new HashMap<>();
        if (candidates.isEmpty()) {
            return Shared.of(out);
        }
        // a postcode lived at counts as shared too: the namesake who lives at the child's postcode is the one meant
        jdbc.query("""
                select person_id, shared_ref from person_link where person_id = any(?) and shared_ref is not null
                union all
                select person_id, 'postcode:' || home_postcode from person
                 where person_id = any(?) and home_postcode is not null""",
                ps -> {
                    Object[] ids = households.toArray();
                    ps.setArray(1, ps.getConnection().createArrayOf("text", ids));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", ids));
                },
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                });
        Set<String> refs = new HashSet<>();
        Set<String> postcodes = new HashSet<>();
        out.values().forEach(rs -> rs.forEach(r -> {
            if (r.startsWith("postcode:")) {
                postcodes.add(r.substring("postcode:".length()));
            } else {
                refs.add(r);
            }
        }));
        if (refs.isEmpty() && postcodes.isEmpty()) {
            return Shared.of(out);
        }
        // Looked up by reference and by postcode alone (each an index probe per value), then kept for the candidates
        // here: asking for both in the database made it test every row against thousands of candidates.
        java.util.function.BiConsumer<String, String> keep = (person, ref) -> {
            if (candidates.contains(person)) {
                out.computeIfAbsent(person, k -> new HashSet<>()).add(ref);
            }
        };
        if (!refs.isEmpty()) {
            jdbc.query("select person_id, shared_ref from person_link where shared_ref = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", refs.toArray())),
                    rs -> {
                        keep.accept(rs.getString(1), rs.getString(2));
                    });
        }
        if (!postcodes.isEmpty()) {
            // the candidates' own postcodes (a key probe each): everyone at thousands of postcodes was 60,000 rows a
            // batch at a million records
            jdbc.query("select person_id, home_postcode from person where person_id = any(?) and home_postcode is not null",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", candidates.toArray())),
                    rs -> {
                        if (postcodes.contains(rs.getString(2))) {
                            keep.accept(rs.getString(1), "postcode:" + rs.getString(2));
                        }
                    });
        }
        return Shared.of(out);
    }

    /**
     * Places each person whose records give a postcode but no house (a DWP match return gives only a postcode) in the
     * one household at that postcode where someone bears one of their family names; none when no household or
     * several do. Adds to {@code people} the unplaced persons at the postcodes of {@code homes} (a household there may
     * now be theirs, or no longer be) and everyone at the homes they are placed in; to {@code homes}, those homes.
     *
     * @return person → the home they are placed in
     */
    private Map<String, String> placeByPostcode(Set<String> people, Set<String> homes) {
        Set<String> postcodes = new HashSet<>();
        homes.forEach(h -> {
            String pc = HouseholdKeys.postcodeOfHome(h);
            if (pc != null) {
                postcodes.add(pc);
            }
        });
        postcodes.addAll(strings("""
                select home_postcode from person
                 where person_id = any(?) and home_key is null and home_postcode is not null""", people));
        if (postcodes.isEmpty()) {
            return Map.of();
        }
        // Every unplaced person, filtered here: they are few (a DWP-only claimant), and matching thousands of
        // postcodes in the database costs more than reading them all from their partial index.
        Map<String, String> unplaced = new HashMap<>();
        jdbc.query("select person_id, home_postcode from person where home_key is null and merged_into is null"
                        + " and home_postcode is not null",
                rs -> {
                    if (postcodes.contains(rs.getString(2))) {
                        unplaced.put(rs.getString(1), rs.getString(2));
                    }
                });
        if (unplaced.isEmpty()) {
            return Map.of();
        }
        // with the households they were placed in before, which must be regrouped if they leave
        Set<String> regrouped = new HashSet<>(unplaced.keySet());
        addHouseholds(regrouped, homes);
        people.addAll(regrouped);
        Map<String, Set<String>> familyNames = new HashMap<>();
        jdbc.query("select person_id, family_norms from person where person_id = any(?) and family_norms is not null",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", unplaced.keySet().toArray())),
                rs -> {
                    familyNames.put(rs.getString(1), Set.of((String[]) rs.getArray(2).getArray()));
                });
        // each unplaced person's postcode with each of their names: what is looked up below
        Set<List<String>> wanted = new HashSet<>();
        unplaced.forEach((person, postcode) -> familyNames.getOrDefault(person, Set.of())
                .forEach(name -> wanted.add(List.of(postcode, name))));
        Map<String, Set<String>> homesByName = new HashMap<>(); // postcode + family name → homes where it is borne
        if (!wanted.isEmpty()) {
            // the homes where someone at that postcode bears that name, from person alone (family_norms); asked pair by
            // pair: every name at every postcode brought back a tenth of the register at a million records
            List<List<String>> pairs = new ArrayList<>(wanted);
            jdbc.query("""
                    select distinct n.postcode, n.name, p.home_key
                      from unnest(?::text[], ?::text[]) as n(postcode, name)
                      join person p on p.home_postcode = n.postcode
                     where p.merged_into is null and p.home_key is not null and p.family_norms @> array[n.name]""",
                    ps -> {
                        ps.setArray(1, ps.getConnection().createArrayOf("text", pairs.stream().map(x -> x.get(0)).toArray()));
                        ps.setArray(2, ps.getConnection().createArrayOf("text", pairs.stream().map(x -> x.get(1)).toArray()));
                    },
                    rs -> {
                        homesByName.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new TreeSet<>())
                                .add(rs.getString(3));
                    });
        }
        Map<String, String> placed = new HashMap<>();
        unplaced.forEach((person, postcode) -> {
            Set<String> where = new TreeSet<>();
            familyNames.getOrDefault(person, Set.of())
                    .forEach(name -> where.addAll(homesByName.getOrDefault(postcode + "\u0000" + name, Set.of())));
            if (where.size() == 1) {
                String home = where.iterator().next();
                placed.put(person, home);
                homes.add(home);
            }
        });
        // everyone at the homes they are placed in
        people.addAll(strings("select person_id from person where home_key = any(?) and merged_into is null",
                new HashSet<>(placed.values())));
        return placed;
    }

    /** Adds to {@code people} everyone who lives where one of {@code persons} lives or lived; to {@code homes}, those homes. */
    private void addHouseholds(Set<String> persons, Set<String> homes) {
        Set<String> these = new HashSet<>(homesOf(persons).values());
        these.addAll(strings("""
                select f.household_key from family f join family_member m using (family_id)
                 where m.person_id = any(?) and m.basis <> 'STATED' and f.household_key is not null
                   and f.dissolved_at is null""", persons));
        homes.addAll(these);
        persons.addAll(strings("select person_id from person where home_key = any(?) and merged_into is null", these));
    }

    private Map<String, String> homesOf(Collection<String> persons) {
        Map<String, String> out = new HashMap<>();
        if (persons.isEmpty()) {
            return out;
        }
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
        jdbc.query("select family_id, person_id from family_member where family_id = any(?) and basis <> 'STATED'",
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
