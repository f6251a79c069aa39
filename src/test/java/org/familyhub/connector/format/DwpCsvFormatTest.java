package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.familyhub.record.DataCategory;
import org.familyhub.record.PartnerRecord;
import org.junit.jupiter.api.Test;

class DwpCsvFormatTest {

    private static final String HEADER = String.join(",", DwpCsvFormat.COLUMNS);
    private final DwpCsvFormat format = new DwpCsvFormat();

    @Test
    void mapsAMatchWithoutAnyInvolvement() throws Exception {
        String csv = HEADER + "\nM-77,JT482915A,Sarah,O'Neill,1986-05-12,CV1 4FS,UC,2024-03-11,WORKING_LOW_INCOME\n";
        PartnerRecord r = format.parse("dwp", csv, Feeds.RECEIVED).get(0).record();
        assertThat(r.dataset()).isEqualTo("benefit-matches");
        assertThat(r.sourceRecordId()).isEqualTo("M-77");
        assertThat(r.observedAt()).isEqualTo(Feeds.RECEIVED);
        assertThat(r.categories()).containsExactly(DataCategory.WORKLESSNESS);
        assertThat(r.subject().identifiers().nino()).isEqualTo("JT482915A");
        assertThat(r.subject().address().postcode()).isEqualTo("CV1 4FS");
        assertThat(r.subject().dateOfBirth()).isEqualTo(LocalDate.of(1986, 5, 12));
        assertThat(r.facts()).containsOnlyKeys("matchRef", "benefit", "claimStart", "workStatus");
        assertThat(r.facts().get("claimStart")).isEqualTo("2024-03-11");
        assertThat(r.involvement()).isNull();
    }

    @Test
    void parsesTheSampleFile() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "dwp", Feeds.sample("dwp", "matches.csv"));
        assertThat(items).hasSize(3).allMatch(ParsedItem::isOk);
        assertThat(items).extracting(i -> i.record().sourceRecordId()).containsExactly("DWP-M-000184", "DWP-M-000185", "DWP-M-000186");
    }

    @Test
    void quarantinesUnknownBenefitsAndKeepsTheRest() throws Exception {
        String csv = HEADER + "\n"
                + "M-1,JT482915A,Sarah,O'Neill,1986-05-12,CV1 4FS,HB,2024-03-11,RETIRED\n"
                + "M-2,PR630218B,Amina,Khan,1990-09-21,CV6 3EX,UC,,\n";
        List<ParsedItem> items = format.parse("dwp", csv, Feeds.RECEIVED);
        assertThat(items.get(0).problem()).isEqualTo("benefit 'HB' is not one of UC, JSA, ESA, IS, PIP, CA; "
                + "work_status 'RETIRED' is not one of NOT_WORKING, WORKING_LOW_INCOME");
        assertThat(items.get(1).isOk()).isTrue();
        assertThat(items.get(1).record().facts().get("claimStart")).isNull();
    }

    @Test
    void refusesLatin1Bodies() {
        assertThatThrownBy(() -> Feeds.parse(format, "dwp", Feeds.bad("latin-1.csv")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessageStartingWith("not valid UTF-8: byte 0xEB");
    }
}
