package org.familyhub.family;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.db.PgUnnest;
import org.familyhub.family.StoredRecords.Stored;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts a family together from storage (members, their records, the workers) and assesses it against the council's
 * outcome framework ({@code familyhub.framework}, tf-2015 unless set). Stores the result on the family row so lists
 * by eligibility are an index scan, and a hash of what a case system would be told, so a change is noticed once.
 */
@Component
public class FamilyAssessor {

    private final JdbcTemplate jdbc;
    private final StoredRecords stored;
    private final CriteriaEvaluator evaluator;
    private final OutcomeFramework framework;
    private final Clock clock;
    private final List<FamilyChangeListener> listeners;

    public FamilyAssessor(JdbcTemplate jdbc, StoredRecords stored, Clock clock, List<FamilyChangeListener> listeners,
                          @Value("${" + FrameworkCatalog.PROPERTY + ":" + FrameworkCatalog.DEFAULT_ID + "}") String frameworkId) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.clock = clock;
        this.listeners = listeners;
        this.framework = FrameworkCatalog.shipped().get(frameworkId);
        this.evaluator = new CriteriaEvaluator(framework);
    }

    public OutcomeFramework framework() {
        return framework;
    }

    /** A member and how they belong. */
    public record Member(String personId, String basis, List<Stored> records) {
    }

    /** A worker of one member, as the partner reported them. */
    public record Worker(String personId, String partner, String service, String role, String professional,
                         String phone, String email, LocalDate since, String sourceRecordId) {
    }

    /** A family put together: its members with their records, the assessment, and who works with it. */
    public record Assembled(String familyId, List<Member> members, FamilyAssessment assessment, List<Worker> workers) {
    }

    public Assembled assemble(String familyId) {
        Map<String, String> basis = new LinkedHashMap<>();
        jdbc.query("select person_id, basis from family_member where family_id = ? order by basis, person_id",
                rs -> {
                    basis.put(rs.getString(1), rs.getString(2));
                }, familyId);
        return assemble(familyId, basis);
    }

    private Assembled assemble(String familyId, Map<String, String> basis) {
        return assemble(familyId, basis, stored.of(basis.keySet()));
    }

    private Assembled assemble(String familyId, Map<String, String> basis, Map<String, List<Stored>> records) {
        return assemble(familyId, basis, records, LocalDate.now(clock));
    }

    private Assembled assemble(String familyId, Map<String, String> basis, Map<String, List<Stored>> records,
                               LocalDate today) {
        List<Member> members = new ArrayList<>();
        List<MemberRecords> forCriteria = new ArrayList<>();
        List<Worker> workers = new ArrayList<>();
        basis.forEach((person, how) -> {
            List<Stored> list = records.getOrDefault(person, List.of());
            members.add(new Member(person, how, list));
            forCriteria.add(new MemberRecords(person, dateOfBirth(list), list.stream().map(Stored::evidence).toList()));
            workers.addAll(workers(person, list, today));
        });
        return new Assembled(familyId, members, evaluator.evaluate(forCriteria, today), workers);
    }

    /** The date of birth most of a person's records agree on (a swapped day and month on one record is outvoted). */
    static LocalDate dateOfBirth(List<Stored> records) {
        Map<LocalDate, Integer> votes = new LinkedHashMap<>();
        for (Stored s : records) {
            LocalDate d = s.record().subject().dateOfBirth();
            if (d != null) {
                votes.merge(d, 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /**
     * Services working with a person now: an involvement without an end, or ending today or later; each once per
     * partner, service and professional, with the earliest since-date and the newest record's contact details.
     */
    private static List<Worker> workers(String person, List<Stored> records, LocalDate today) {
        Map<String, Worker> unique = new LinkedHashMap<>();
        for (Stored s : records) {
            PartnerRecord r = s.record();
            Involvement i = r.involvement();
            if (i == null || i.professional() == null && i.service() == null
                    || i.until() != null && i.until().isBefore(today)) {
                continue;
            }
            String key = r.partner() + "\u0000" + i.service() + "\u0000" + i.professional();
            Worker w = new Worker(person, r.partner(), i.service(), i.role(), i.professional(), i.phone(), i.email(), i.since(),
                    r.sourceRecordId());
            unique.merge(key, w, (a, b) -> new Worker(b.personId(), b.partner(), b.service(), b.role(), b.professional(),
                    b.phone(), b.email(), earliest(a.since(), b.since()), b.sourceRecordId()));
        }
        return List.copyOf(unique.values());
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** Tells listeners that a family ends (dissolved, or absorbed {@code into} another); call before it is marked. */
    public void ended(String familyId, String into) {
        jdbc.query("select eligible, view_hash from family where family_id = ? and dissolved_at is null",
                rs -> {
                    boolean wasEligible = rs.getBoolean(1);
                    String hash = rs.getString(2);
                    listeners.forEach(l -> l.ended(familyId, into, wasEligible, hash));
                }, familyId);
    }

    private record Assessed(Assembled family, String hash) {
    }

    /** Reassess families after their members or records changed; tell listeners of those whose view changed. */
    public void reassess(Collection<String> familyIds) {
        reassess(familyIds, Map.of());
    }

    /**
     * As {@link #reassess(Collection)}, in bulk: one read of the families' members, one of the records not already
     * in {@code known} (person → records, e.g. just read by the family builder), one batch of updates.
     */
    public void reassess(Collection<String> familyIds, Map<String, List<Stored>> known) {
        reassess(familyIds, known, LocalDate.now(clock));
    }

    /** As {@link #reassess(Collection, Map)}, with the criteria's look-back windows ending on {@code today}. */
    public void reassess(Collection<String> familyIds, Map<String, List<Stored>> known, LocalDate today) {
        if (familyIds.isEmpty()) {
            return;
        }
        Map<String, Map<String, String>> basis = new LinkedHashMap<>();
        Map<String, Object[]> before = new HashMap<>();
        familyIds.forEach(id -> basis.put(id, new LinkedHashMap<>()));
        jdbc.query("""
                select f.family_id, f.eligible, f.view_hash, m.person_id, m.basis from family f
                  left join family_member m using (family_id)
                 where f.family_id = any(?) order by f.family_id, m.basis, m.person_id""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", familyIds.toArray())),
                rs -> {
                    String id = rs.getString(1);
                    before.put(id, new Object[] {rs.getBoolean(2), rs.getString(3)});
                    if (rs.getString(4) != null) {
                        basis.get(id).put(rs.getString(4), rs.getString(5));
                    }
                });
        Set<String> missing = new HashSet<>();
        basis.values().forEach(m -> m.keySet().stream().filter(p -> !known.containsKey(p)).forEach(missing::add));
        Map<String, List<Stored>> records = new HashMap<>(known);
        records.putAll(stored.of(missing));
        // Putting each family together and assessing it is pure CPU work on what was read: spread over the cores.
        // Updates and notifications follow in the families' order, one by one.
        List<Map.Entry<String, Map<String, String>>> families = new ArrayList<>(basis.entrySet());
        List<Assessed> assessed = (families.size() < 16 ? families.stream() : families.parallelStream()).map(e -> {
            Assembled a = assemble(e.getKey(), e.getValue(), records, today);
            return new Assessed(a, viewHash(a));
        }).toList();
        List<Object[]> updates = new ArrayList<>();
        List<FamilyChangeListener.Change> changes = new ArrayList<>();
        for (Assessed done : assessed) {
            Assembled a = done.family();
            String id = a.familyId();
            String hash = done.hash();
            updates.add(new Object[] {framework.id(), a.assessment().eligible(),
                    "{" + String.join(",", a.assessment().criteriaMet()) + "}", a.assessment().evaluatedOn(), hash, id});
            Object[] was = before.get(id);
            if (was != null && !hash.equals(was[1])) {
                changes.add(new FamilyChangeListener.Change(a, Boolean.TRUE.equals(was[0]), (String) was[1], hash));
            }
        }
        if (!changes.isEmpty()) {
            listeners.forEach(l -> l.changedAll(changes));
        }
        // a family that comes out as it was is not written again
        PgUnnest.update(jdbc, """
                update family f
                   set framework = u.framework, eligible = u.eligible::boolean, criteria_met = u.criteria_met::text[],
                       assessed_on = u.assessed_on::date, view_hash = u.view_hash, updated_at = now()
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       as u(framework, eligible, criteria_met, assessed_on, view_hash, family_id)
                 where f.family_id = u.family_id
                   and (f.framework, f.eligible, f.criteria_met, f.assessed_on, f.view_hash)
                       is distinct from (u.framework, u.eligible::boolean, u.criteria_met::text[], u.assessed_on::date,
                                         u.view_hash)""", 6, updates);
        // Attachment for claims: the day of the first eligible assessment under the framework in force (a council that
        // changes framework attaches its families again), with every criterion met that day, whatever order the
        // partners' files come in.
        jdbc.update("""
                update family set attached_on = assessed_on, attached_framework = framework, attached_criteria = criteria_met
                 where family_id = any(?) and eligible and dissolved_at is null
                   and (attached_on is null or attached_framework is distinct from framework)""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", basis.keySet().toArray())));
        jdbc.update("""
                update family set attached_criteria = array(select distinct c from unnest(attached_criteria || criteria_met) c order by c)
                 where family_id = any(?) and eligible and dissolved_at is null and attached_on = assessed_on
                   and attached_framework = framework and not (criteria_met <@ attached_criteria)""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", basis.keySet().toArray())));
    }

    /**
     * Of these families, those assessed today under the framework in force: reassessing one whose members and their
     * records are unchanged would give the same view.
     */
    public Set<String> assessedToday(Collection<String> familyIds) {
        if (familyIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query("""
                select family_id from family
                 where family_id = any(?) and assessed_on = ? and framework = ? and view_hash is not null""",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", familyIds.toArray()));
                    ps.setObject(2, LocalDate.now(clock));
                    ps.setString(3, framework.id());
                },
                (rs, i) -> rs.getString(1)));
    }

    /** The members of an assembled family as the evaluators take them: records with their purposes and basis. */
    public static List<MemberRecords> memberRecords(Assembled a) {
        return a.members().stream().map(m -> new MemberRecords(m.personId(), dateOfBirth(m.records()),
                m.records().stream().map(Stored::evidence).toList())).toList();
    }

    /** What a case system is told: members, criteria met with their evidence, workers. Eligibility follows from it. */
    static String viewHash(Assembled a) {
        StringBuilder sb = new StringBuilder();
        a.members().forEach(m -> sb.append("m:").append(m.personId()).append(':').append(m.basis()).append('\n'));
        a.assessment().criteria().stream().filter(CriterionResult::met).forEach(c -> {
            sb.append("c:").append(c.id()).append('\n');
            c.evidence().forEach(e -> sb.append(" e:").append(e.partner()).append('|').append(e.sourceRecordId()).append('\n'));
        });
        a.workers().forEach(w -> sb.append("w:").append(w.personId()).append('|').append(w.partner()).append('|')
                .append(w.service()).append('|').append(w.professional()).append('|').append(w.phone()).append('|')
                .append(w.email()).append('\n'));
        sb.append("eligible:").append(a.assessment().eligible());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
