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
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
