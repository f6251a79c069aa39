package org.familyhub.linkage.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.familyhub.support.Api;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity the linker seeds candidates from (kept on person_link, V9) follows the record's current version, so a
 * later batch is compared with what the record says now, as when it was read from partner_record.
 */
@HubIntegrationTest
class LinkIdentityIT {

    @Autowired
    PersonLinker linker;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @LocalServerPort
    int port;

    @Test
    void aNewVersionReplacesTheIdentityALaterBatchIsComparedWith() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id = "LI-" + run;
        String given = "Quenby" + run.substring(0, 3);
        PersonLinker.Linked first = tx.execute(s -> linker.link(List.of(record(id, given, "1 Orchard Row", "CV1 1AA"))));
        String person = first.persons().iterator().next();
        assertThat(identity("housing|" + id)).isEqualTo("true 1 Orchard Row CV1 1AA " + person);

        PersonLinker.Linked second = tx.execute(s -> linker.link(List.of(record(id, given, "7 Mill Lane", "CV2 2BB"))));
        assertThat(second.persons()).containsExactly(person);
        assertThat(identity("housing|" + id)).as("the new version's address, the same person")
                .isEqualTo("true 7 Mill Lane CV2 2BB " + person);
    }

    @Test
    void eachLinkNamesItsRecordsCurrentVersionAsTheStagerWroteIt() {
        Api api = new Api(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String row = "INC-" + run + "-1,2026-10-01T21:15:00+01:00,ASB,SUSPECT,Ottilie,Vanstone" + run.substring(0, 3)
                + ",1984-03-07,F,12 Park Road,,Coventry,CV5 6AB,,,PC A Khan,North,024 7653 9000,a.khan@police.example\n";
        for (String body : List.of(row, row.replace("12 Park Road", "40 Holly Walk"))) {
            Api.Response r = api.post("police-it", "/api/feeds/police", Feeds.POLICE_HEADER + body);
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }
        // the second file is a new version: the link follows it (families read a person's records through it)
        assertThat(jdbc.queryForList("""
                select r.version || ' ' || l.subject_line1 from person_link l
                  join partner_record r on r.record_id = l.record_id
                 where l.source_record_id like ? and r.is_current and l.observed_at = r.observed_at""", String.class,
                "INC-" + run + "-1|%")).containsExactly("2 40 Holly Walk");
    }

    private String identity(String recordKey) {
        return jdbc.queryForObject("select subject_current || ' ' || subject_line1 || ' ' || subject_postcode || ' '"
                + " || person_id from person_link where record_key = ?", String.class, recordKey);
    }

    private static PartnerRecord record(String id, String given, String line1, String postcode) {
        return new PartnerRecord("housing", "tenancies", id, LocalDate.of(2025, 3, 1),
                new Subject(given, "Trevellyan", LocalDate.of(1987, 4, 12), "F",
                        new Address(line1, null, "Coventry", postcode, null),
                        new Identifiers(null, null, null, null, null, "T-" + id)),
                EnumSet.of(DataCategory.values()[0]), Map.of(), null);
    }
}
