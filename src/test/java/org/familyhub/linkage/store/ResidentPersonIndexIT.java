package org.familyhub.linkage.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.familyhub.linkage.Decision;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.familyhub.ingest.IngestMetrics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The resident person index is a copy of the register kept between batches: it must never link against something the
 * database does not hold (a rolled-back batch, a purged record) nor miss what it does (another replica's links, a
 * reviewer's decision). A second {@link ResidentPersonIndex} over the same database stands for another replica.
 */
@HubIntegrationTest
class ResidentPersonIndexIT {

    @Autowired
    PersonLinker linker;
    @Autowired
    ResidentPersonIndex resident;
    @Autowired
    LinkageSettings settings;
    @Autowired
    IngestMetrics metrics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aBatchThatRollsBackLeavesNothingInTheIndex() {
        String key = "housing|RB-" + run;
        tx.executeWithoutResult(s -> {
            linker.link(List.of(record("RB-" + run, "Ottoline" + run)));
            assertThat(resident.current().personOf(key)).as("linked in the batch").isNotNull();
            s.setRollbackOnly();
        });
        assertThat(indexed(key)).as("the batch never happened").isNull();
        assertThat(jdbc.queryForObject("select count(*) from person_link where record_key = ?", Integer.class, key)).isZero();
    }

    @Test
    void whatAnotherReplicaLinkedIsReadBeforeTheNextBatchIsLinked() {
        String name = "Perpetua" + run;
        tx.execute(s -> linker.link(List.of(record("WARM-" + run, "Someone" + run, 25)))); // this replica's index is loaded
        PersonLinker otherReplica = new PersonLinker(jdbc, new ResidentPersonIndex(jdbc, settings), metrics);
        String theirs = tx.execute(s -> otherReplica.link(List.of(record("A-" + run, name, 7)))).persons().iterator().next();

        PersonLinker.Linked ours = tx.execute(s -> linker.link(List.of(record("B-" + run, name, 7))));
        assertThat(ours.persons()).as("the same person, known from the other replica's batch").containsExactly(theirs);
    }

    @Test
    void aReviewersMatchMergesThePersonsInTheIndexToo() {
        String a = "housing|RV1-" + run;
        String b = "housing|RV2-" + run;
        tx.execute(s -> linker.link(List.of(record("RV1-" + run, "Clementine" + run, 11))));
        tx.execute(s -> linker.link(List.of(record("RV2-" + run, "Wilhelmina" + run, 21))));
        assertThat(person(a)).isNotEqualTo(person(b));
        // the pair as the linker queued it (same street and postcode), or queued now
        Long review = jdbc.queryForList("""
                select review_id from linkage_review where (left_key, right_key) in ((?, ?), (?, ?))""", Long.class, a, b, b, a)
                .stream().findFirst().orElseGet(() -> jdbc.queryForObject("""
                        insert into linkage_review (left_key, right_key, score, levels) values (?, ?, 0, 'test')
                        returning review_id""", Long.class, a, b));

        tx.execute(s -> linker.decide(review, Decision.MATCH, "reviewer"));

        assertThat(indexed(b)).as("one person in the index, as in the database").isEqualTo(indexed(a)).isEqualTo(person(b));
    }

    @Test
    void unlinkedRecordsLeaveTheIndex() {
        String key = "housing|UL-" + run;
        tx.execute(s -> linker.link(List.of(record("UL-" + run, "Eglantine" + run, 15))));
        assertThat(indexed(key)).isNotNull();

        tx.execute(s -> linker.unlink(List.of(key)));

        assertThat(indexed(key)).isNull();
    }

    /** The person the resident index gives a record, as a batch linked now would see it. */
    private String indexed(String key) {
        return tx.execute(s -> resident.current().personOf(key));
    }

    private String person(String key) {
        return jdbc.queryForObject("select person_id from person_link where record_key = ?", String.class, key);
    }

    /**
     * A tenant of this test run: surname, birth date and address of the run's own, so no other test meets them; records
     * with another day are other people.
     */
    private PartnerRecord record(String id, String given) {
        return record(id, given, 3);
    }

    private PartnerRecord record(String id, String given, int day) {
        return new PartnerRecord("housing", "tenancies", id, LocalDate.of(2025, 3, 1),
                new Subject(given, "Marchbanks" + (char) ('a' + day) + run, LocalDate.of(1979, 11, day), "F",
                        new Address(day + " Quarry Lane " + run, null, "Coventry", "CV3 4QL", null),
                        new Identifiers(null, null, null, null, null, "T-" + id)),
                EnumSet.of(DataCategory.values()[0]), Map.of(), null);
    }
}
