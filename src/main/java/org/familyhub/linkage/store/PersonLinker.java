package org.familyhub.linkage.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.familyhub.db.PgCopy;
import org.familyhub.db.PgCsv;
import org.familyhub.db.PgUnnest;
import org.familyhub.ingest.IngestMetrics;
import org.familyhub.linkage.BatchResult;
import org.familyhub.linkage.Decision;
import org.familyhub.linkage.HouseholdKeys;
import org.familyhub.linkage.Merge;
import org.familyhub.linkage.PairKey;
import org.familyhub.linkage.PersonIndex;
import org.familyhub.linkage.PersonRecord;
import org.familyhub.linkage.ReviewPair;
import org.familyhub.record.Address;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links kept records (one batch's or several's) against the persons already stored, in the linking transaction:
 * their links and their families commit together or not at all. Candidates come from the {@link ResidentPersonIndex}
 * (every stored identity, kept in memory and checked against the database's linkage generation), never from all
 * pairs; a record key seen before keeps its person; new persons take numbers from {@code person_seq}; reviewers'
 * decisions are honoured. One linker at a time across replicas (a transaction-scoped advisory lock), so two batches
 * cannot both create a person for the same human.
 */
@Component
public class PersonLinker {

    /** The advisory lock of linking and grouping: one writer of persons and families at a time, across replicas. */
    public static final long LOCK = 0x4C494E4BL; // "LINK"

    private final JdbcTemplate jdbc;
    private final ResidentPersonIndex resident;
    private final IngestMetrics metrics;

    public PersonLinker(JdbcTemplate jdbc, ResidentPersonIndex resident, IngestMetrics metrics) {
        this.jdbc = jdbc;
        this.resident = resident;
        this.metrics = metrics;
    }

    /** What a batch changed: the persons whose records changed, and persons merged into others. */
    public record Linked(Set<String> persons, List<Merge> merges, int reviews, long comparisons) {
    }

    /** {@link #link(Collection, Map)} for records whose stored rows are found by key (tests that link directly). */
    public Linked link(Collection<PartnerRecord> staged) {
        return link(staged, Map.of());
    }

    /**
     * @param versionIds the stored {@code record_id} of each record's current version, by record key
     *                   ({@code partner|sourceRecordId}, as the stager gives them); a record missing here has it looked up
     */
    public Linked link(Collection<PartnerRecord> staged, Map<String, Long> versionIds) {
        // Folding the batch's records needs no database: done before taking the lock that serialises linking.
        staged.parallelStream().forEach(r -> PersonIndex.blockingKeys(PersonRecord.of(r)));
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
        // the last version of each key in the batch
        Map<String, PartnerRecord> byKey = new LinkedHashMap<>();
        for (PartnerRecord r : staged) {
            byKey.put(r.key(), r);
        }
        Set<String> persons = new HashSet<>();
        if (byKey.isEmpty()) {
            return new Linked(persons, List.of(), 0, 0);
        }
        synchronized (resident) {
            var phase = metrics.start();
            PersonIndex index = resident.current();
            long generation = resident.change(ResidentPersonIndex.Change.APPLIED);
            Map<String, String> known = knownKeys(byKey.keySet());
            persons.addAll(known.values());
            updateIdentities(known.keySet(), byKey, versionIds, generation);
            List<PersonRecord> fresh = new ArrayList<>();
            for (Map.Entry<String, PartnerRecord> e : byKey.entrySet()) {
                PersonRecord p = PersonRecord.of(e.getValue());
                if (known.containsKey(e.getKey())) {
                    index.replace(p);
                } else {
                    fresh.add(p);
                }
            }
            phase = metrics.linkPhaseDone(phase, "known");
            BatchResult result = fresh.isEmpty() ? null : index.add(fresh);
            phase = metrics.linkPhaseDone(phase, "compare");
            if (result != null) {
                insertPersons(result.newPersons()); // the others are stored already
                insertLinks(fresh, byKey, versionIds, index, generation);
                for (Merge m : result.merges()) {
                    merge(m, generation);
                }
                insertReviews(result.reviews());
                settleReviews(result.settled());
            }
            currentVersions(byKey.keySet().stream().filter(k -> !versionIds.containsKey(k)).toList());
            metrics.linkPhaseDone(phase, "write");
            if (result == null) {
                return new Linked(persons, List.of(), 0, 0);
            }
            persons.addAll(result.personOf().values());
            result.merges().forEach(m -> {
                persons.remove(m.retired());
                persons.add(m.kept());
            });
            return new Linked(persons, result.merges(), result.reviews().size(), result.comparisons());
        }
    }

    /**
     * A reviewer's decision on a queued pair, remembered for every later batch. MATCH joins the two persons now (the
     * older id is kept). Returns the merge, if the pair were two persons; empty for NO_MATCH or when already one.
     *
     * @throws IllegalArgumentException for an unknown review
     * @throws IllegalStateException    when the review was already decided differently
     */
    public java.util.Optional<Merge> decide(long reviewId, Decision decision, String by) {
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select left_key, right_key, decision from linkage_review where review_id = ? for update", reviewId);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no linkage review " + reviewId);
        }
        Map<String, Object> row = rows.get(0);
        Object before = row.get("decision");
        if (before != null && !before.equals(decision.name())) {
            throw new IllegalStateException("review " + reviewId + " was already decided " + before);
        }
        // every resident index learns the decision (and any merge) from the rows tagged with this generation
        long generation = resident.change(ResidentPersonIndex.Change.TAGGED);
        jdbc.update("""
                update linkage_review set decision = ?, decided_by = ?, decided_at = now(), decided_generation = ?
                 where review_id = ?""", decision.name(), by, generation, reviewId);
        if (decision != Decision.MATCH) {
            return java.util.Optional.empty();
        }
        Map<String, String> persons = knownKeys(Set.of((String) row.get("left_key"), (String) row.get("right_key")));
        String a = persons.get((String) row.get("left_key"));
        String b = persons.get((String) row.get("right_key"));
        if (a == null || b == null || a.equals(b)) {
            return java.util.Optional.empty();
        }
        Merge m = PersonIndex.personSeq(a) < PersonIndex.personSeq(b) ? new Merge(a, b) : new Merge(b, a);
        merge(m, generation);
        jdbc.update("update person_link set how = 'REVIEW' where record_key = ?", row.get("right_key"));
        return java.util.Optional.of(m);
    }

    /**
     * Forgets records that were purged (their lawful basis ended): their links, blocking keys, stated relations and
     * reviews go with them, since the names and dates those hold are personal data too. A person left with no record
     * has no home any more. Returns the persons who held the records, for their families to be regrouped.
     */
    public Set<String> unlink(Collection<String> recordKeys) {
        if (recordKeys.isEmpty()) {
            return Set.of();
        }
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
        resident.change(ResidentPersonIndex.Change.REMOVED);
        Object[] keys = recordKeys.toArray();
        Set<String> persons = new java.util.TreeSet<>(jdbc.query(
                "delete from person_link where record_key = any(?) returning person_id",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", keys)), (rs, i) -> rs.getString(1)));
        for (String sql : List.of("delete from stated_relation where record_key = any(?)",
                "delete from linkage_review where left_key = any(?) or right_key = any(?)")) {
            jdbc.update(sql, ps -> {
                for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                    ps.setArray(i, ps.getConnection().createArrayOf("text", keys));
                }
            });
        }
        jdbc.update("""
                update person p set home_key = null, home_on = null, home_postcode = null, family_norms = null
                 where p.person_id = any(?) and not exists (select 1 from person_link l where l.person_id = p.person_id)""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", persons.toArray())));
        return persons;
    }

    private Map<String, String> knownKeys(Set<String> keys) {
        Map<String, String> known = new HashMap<>();
        jdbc.query("select record_key, person_id from person_link where record_key = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", keys.toArray())),
                rs -> {
                    known.put(rs.getString(1), rs.getString(2));
                });
        return known;
    }

    private void insertPersons(Set<String> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        jdbc.update("insert into person (person_id) select unnest(?::text[]) on conflict do nothing",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", candidates.toArray())));
    }

    /** A new version of a record linked before: later batches are compared with what it says now. */
    private void updateIdentities(Set<String> keys, Map<String, PartnerRecord> byKey, Map<String, Long> versionIds,
                                  long generation) {
        if (keys.isEmpty()) {
            return;
        }
        List<Object[]> columns = new ArrayList<>();
        for (int c = 0; c < 18; c++) {
            columns.add(new Object[keys.size()]);
        }
        int row = 0;
        for (String key : keys) {
            Object[] values = identity(byKey.get(key), versionIds);
            columns.get(0)[row] = key;
            for (int c = 0; c < values.length; c++) {
                columns.get(c + 1)[row] = values[c] == null ? null : values[c].toString();
            }
            row++;
        }
        jdbc.update("""
                update person_link l
                   set subject_current = true, subject_given = u.given, subject_family = u.family,
                       subject_dob = u.dob::date, subject_sex = u.sex, subject_line1 = u.line1, subject_town = u.town,
                       subject_postcode = u.postcode, subject_uprn = u.uprn, nhs_number = u.nhs, nino = u.nino,
                       upn = u.upn, pnc_id = u.pnc, crn = u.crn, record_id = u.record_id::bigint,
                       observed_at = u.observed_at::date, parents = u.parents::jsonb, shared_ref = u.shared_ref,
                       generation = ?
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[])
                       as u(record_key, given, family, dob, sex, line1, town, postcode, uprn, nhs, nino, upn, pnc, crn,
                            record_id, observed_at, parents, shared_ref)
                 where l.record_key = u.record_key""",
                ps -> {
                    ps.setLong(1, generation);
                    for (int c = 0; c < columns.size(); c++) {
                        ps.setArray(c + 2, ps.getConnection().createArrayOf("text", columns.get(c)));
                    }
                });
    }

    private static final String IDENTITY = "subject_given, subject_family, subject_dob, subject_sex, subject_line1,"
            + " subject_town, subject_postcode, subject_uprn, nhs_number, nino, upn, pnc_id, crn, record_id, observed_at,"
            + " parents, shared_ref";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The identity columns of a record ({@link #IDENTITY}), as stored partner records hold them, then its current
     * version's id, date, the parents it names (as {@code facts -> 'parents'} gives them) and the incident or tenancy
     * it shares with others ({@link #sharedRef}), which families read.
     */
    private static Object[] identity(PartnerRecord r, Map<String, Long> versionIds) {
        Subject s = r.subject();
        Address a = s.address() == null ? Address.EMPTY : s.address();
        Identifiers i = s.identifiers() == null ? Identifiers.NONE : s.identifiers();
        Object parents = r.facts().get("parents");
        String parentsJson;
        try {
            parentsJson = parents == null ? null : JSON.writeValueAsString(parents);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Object[] {s.givenName(), s.familyName(), s.dateOfBirth(), s.sex(), a.line1(), a.town(), a.postcode(),
                a.uprn(), i.nhsNumber(), i.nino(), i.upn(), i.pncId(), i.crn(), versionIds.get(r.key()),
                r.observedAt(), parentsJson, sharedRef(r)};
    }

    /**
     * The reference a feed gives to the records of people involved together: a police incident, a tenancy. As
     * {@code partner:ref}; null for a record that has none.
     */
    static String sharedRef(PartnerRecord r) {
        Object ref = r.facts().get("incidentRef");
        if (ref == null) {
            ref = r.facts().get("tenancyRef");
        }
        return ref == null ? null : r.partner() + ":" + ref;
    }

    /** The links of the new records, with the identity of the version linked. */
    private void insertLinks(List<PersonRecord> fresh, Map<String, PartnerRecord> byKey, Map<String, Long> versionIds,
                             PersonIndex index, long generation) {
        StringBuilder csv = new StringBuilder(fresh.size() * 256);
        for (PersonRecord p : fresh) {
            String key = p.key();
            int bar = key.indexOf('|');
            PgCsv.value(csv, key);
            PgCsv.next(csv, key.substring(0, bar));
            PgCsv.next(csv, key.substring(bar + 1));
            PgCsv.next(csv, index.personOf(key));
            PgCsv.next(csv, HouseholdKeys.given(p.given()));
            PgCsv.next(csv, HouseholdKeys.family(p.family()));
            PgCsv.next(csv, p.dob());
            PgCsv.next(csv, index.reasonOf(key).name());
            PgCsv.next(csv, "true");
            PgCsv.next(csv, generation);
            for (Object v : identity(byKey.get(key), versionIds)) {
                PgCsv.next(csv, v);
            }
            csv.append('\n');
        }
        copy("person_link (record_key, partner, source_record_id, person_id, given_norm, family_norm, date_of_birth, how,"
                + " subject_current, generation, " + IDENTITY + ")", csv);
    }

    /** The retired person's records, reviews and family places move to the kept person; the old id still resolves. */
    private void merge(Merge m, long generation) {
        jdbc.update("update person_link set person_id = ?, generation = ? where person_id = ?", m.kept(), generation,
                m.retired());
        jdbc.update("update person set merged_into = ?, merged_at = now() where person_id = ?", m.kept(), m.retired());
        jdbc.update("update person set merged_into = ? where merged_into = ?", m.kept(), m.retired());
    }

    /**
     * Each record's current version, on its link, for records the stager did not give it for: family grouping reads a
     * person's records and the parents they name from person_link alone.
     */
    private void currentVersions(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.update("""
                update person_link l
                   set record_id = r.record_id, observed_at = r.observed_at, parents = r.facts -> 'parents',
                       shared_ref = r.partner || ':' || coalesce(r.facts ->> 'incidentRef', r.facts ->> 'tenancyRef')
                  from partner_record r
                 where l.record_key = any(?) and r.partner = l.partner and r.source_record_id = l.source_record_id
                   and r.is_current""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", keys.toArray())));
    }

    private void insertReviews(List<ReviewPair> reviews) {
        if (reviews.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(reviews.size());
        reviews.forEach(r -> rows.add(new Object[] {r.pair().first(), r.pair().second(), r.score(), r.explain()}));
        PgUnnest.update(jdbc, """
                insert into linkage_review (left_key, right_key, score, levels)
                select left_key, right_key, score::double precision, levels
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                       as u(left_key, right_key, score, levels, n)
                 order by n
                on conflict (left_key, right_key) do nothing""", 4, rows);
    }

    /** Queued pairs the index has since joined (a household seen to move): no reviewer needs to look at them now. */
    private void settleReviews(List<PairKey> settled) {
        if (settled.isEmpty()) {
            return;
        }
        PgUnnest.update(jdbc, """
                delete from linkage_review r
                 using unnest(?::text[], ?::text[]) as u(left_key, right_key)
                 where r.left_key = u.left_key and r.right_key = u.right_key and r.decision is null""", 2,
                settled.stream().map(p -> new Object[] {p.first(), p.second()}).toList());
    }

    private void copy(String target, StringBuilder csv) {
        PgCopy.in(jdbc, target, csv);
    }
}
