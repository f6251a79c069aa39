package org.familyhub.linkage.store;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.familyhub.linkage.Decision;
import org.familyhub.linkage.LinkageConfig;
import org.familyhub.linkage.MatchModel;
import org.familyhub.linkage.PairKey;
import org.familyhub.linkage.PersonIndex;
import org.familyhub.linkage.PersonRecord;
import org.familyhub.linkage.StrongId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every linked record's current identity and person, kept in memory between batches, so a batch is linked without
 * reading its candidates back from the database (at 100k records that read was a third of the linking time, and it
 * grew with the register).
 *
 * <p>The database stays the truth, and this copy proves itself against it: every transaction that changes links takes
 * a new generation from {@code linkage_generation_seq}, tags what it wrote with it and records it in
 * {@code linkage_state}. Before each use, under the linkage lock, the copy compares its generation with the stored one:
 * equal, it is current; behind, it reads the rows tagged since (another replica's batches, a reviewer's decisions);
 * after a purge (links removed) or a transaction of its own that rolled back (its changes never happened), it reloads
 * the whole register. A sequence never gives a number twice, so a rolled-back generation can never look current.
 *
 * <p>Used only under {@link PersonLinker#LOCK} and this object's monitor; callers change it only inside a transaction.
 */
@Component
public class ResidentPersonIndex {

    private static final Logger log = LoggerFactory.getLogger(ResidentPersonIndex.class);

    private static final String IDENTITY = """
            select record_key, person_id, subject_given, subject_family, subject_dob, subject_sex, subject_line1,
                   subject_town, subject_postcode, subject_uprn, nhs_number, nino, upn, pnc_id, crn
              from person_link""";

    private final JdbcTemplate jdbc;
    private final LinkageConfig config;
    private final MatchModel model;
    private final Deque<Long> personNumbers = new ArrayDeque<>();

    private PersonIndex index;
    /** The generation the index reflects; -1 when there is none. */
    private long generation = -1;
    /** Whether every change in the index is known to be committed (so catching up from {@link #generation} is sound). */
    private boolean committed;

    public ResidentPersonIndex(JdbcTemplate jdbc, LinkageSettings settings) {
        this.jdbc = jdbc;
        this.config = settings.config();
        this.model = settings.model();
    }

    /** The index as the database has it now. Call under the linkage lock, inside the transaction that will use it. */
    public synchronized PersonIndex current() {
        Map<String, Object> state = jdbc.queryForMap("select generation, reset_generation from linkage_state");
        long stored = ((Number) state.get("generation")).longValue();
        long reset = ((Number) state.get("reset_generation")).longValue();
        if (index != null && generation == stored) {
            return index;
        }
        if (index == null || !committed || reset > generation) {
            reload(stored);
        } else {
            catchUp(stored);
        }
        return index;
    }

    /**
     * The index if it reflects the database as the caller's transaction sees it (a batch just linked there), else
     * null; never reloads or catches up. For reading only, under the linkage lock.
     */
    public synchronized PersonIndex ifCurrent() {
        if (index == null) {
            return null;
        }
        Long stored = jdbc.queryForObject("select generation from linkage_state", Long.class);
        return stored != null && stored == generation ? index : null;
    }

    /** How a change to links reaches the index. */
    public enum Change {
        /** The caller makes the same change in the index {@link #current} gave it (a batch being linked). */
        APPLIED,
        /** The index is not told; it reads the rows tagged with the change later (a reviewer's decision). */
        TAGGED,
        /** Links are removed (a purge): every copy reloads. */
        REMOVED
    }

    /**
     * Records a change to links in the current transaction and returns its generation, to tag the rows written with.
     * For an {@link Change#APPLIED} change the index now reflects that generation, and is dropped if the transaction
     * does not commit.
     */
    public synchronized long change(Change kind) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("links change only inside a transaction");
        }
        long next = jdbc.queryForObject("select nextval('linkage_generation_seq')", Long.class);
        if (kind == Change.REMOVED) {
            jdbc.update("update linkage_state set generation = ?, reset_generation = ?", next, next);
            drop();
        } else {
            jdbc.update("update linkage_state set generation = ?", next);
        }
        if (kind == Change.APPLIED) {
            if (index == null) {
                throw new IllegalStateException("an applied change needs the current index");
            }
            generation = next;
            committed = false;
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    settled(next, status == STATUS_COMMITTED);
                }
            });
        }
        return next;
    }

    /** Drops the copy: the next use reloads it from the database (the bench times a reload this way). */
    public synchronized void forget() {
        drop();
    }

    /** Records in the copy; 0 when there is none. */
    public synchronized int size() {
        return index == null ? 0 : index.size();
    }

    private synchronized void settled(long change, boolean commit) {
        if (generation != change) {
            return; // the index has moved on (or was dropped) since
        }
        if (commit) {
            committed = true;
        } else {
            drop();
        }
    }

    private void drop() {
        index = null;
        generation = -1;
        committed = false;
    }

    private void reload(long stored) {
        long t0 = System.nanoTime();
        PersonIndex fresh = new PersonIndex(config, model, this::nextPerson);
        List<PersonRecord> records = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        // in a fixed order, so the blocks (and so the order candidates are met in) do not depend on the load
        jdbc.query(con -> {
            var ps = con.prepareStatement(IDENTITY + " where subject_current order by record_key");
            ps.setFetchSize(10_000);
            return ps;
        }, rs -> {
            records.add(identity(rs));
            persons.add(rs.getString(2));
        });
        fresh.seedAll(records, persons);
        jdbc.query("select left_key, right_key, decision from linkage_review where decision is not null", rs -> {
            fresh.remember(PairKey.of(rs.getString(1), rs.getString(2)), Decision.valueOf(rs.getString(3)));
        });
        index = fresh;
        generation = stored;
        committed = true;
        log.info("Loaded the resident person index: {} records in {} ms", records.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Reads what other transactions changed since this index's generation: new links, new identities, merges, decisions. */
    private void catchUp(long stored) {
        long since = generation;
        List<PersonRecord> added = new ArrayList<>();
        List<String> addedPersons = new ArrayList<>();
        jdbc.query(IDENTITY + " where subject_current and generation > ? order by generation, record_key", rs -> {
            PersonRecord r = identity(rs);
            String person = rs.getString(2);
            if (index.personOf(r.key()) == null) {
                added.add(r);
                addedPersons.add(person);
            } else {
                index.replace(r);
                index.assign(r.key(), person);
            }
        }, since);
        index.seedAll(added, addedPersons);
        jdbc.query("select left_key, right_key, decision from linkage_review where decided_generation > ?", rs -> {
            index.remember(PairKey.of(rs.getString(1), rs.getString(2)), Decision.valueOf(rs.getString(3)));
        }, since);
        generation = stored;
        committed = true;
    }

    /** Numbers for new persons, from {@code person_seq} a few at a time (a sequence never gives a number twice). */
    private long nextPerson() {
        if (personNumbers.isEmpty()) {
            personNumbers.addAll(jdbc.queryForList("select nextval('person_seq') from generate_series(1, 64)", Long.class));
        }
        return personNumbers.pop();
    }

    private static PersonRecord identity(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<StrongId, String> strong = new EnumMap<>(StrongId.class);
        put(strong, StrongId.NHS, rs.getString(11));
        put(strong, StrongId.NINO, rs.getString(12));
        put(strong, StrongId.UPN, rs.getString(13));
        put(strong, StrongId.PNC, rs.getString(14));
        put(strong, StrongId.CRN, rs.getString(15));
        LocalDate dob = rs.getObject(5, LocalDate.class);
        return new PersonRecord(rs.getString(1), rs.getString(3), rs.getString(4), dob, rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), strong, null);
    }

    private static void put(Map<StrongId, String> ids, StrongId kind, String value) {
        if (value != null) {
            ids.put(kind, value);
        }
    }
}
