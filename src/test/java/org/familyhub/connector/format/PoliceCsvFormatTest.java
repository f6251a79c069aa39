package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.junit.jupiter.api.Test;

class PoliceCsvFormatTest {

    private static final String HEADER = String.join(",", PoliceCsvFormat.COLUMNS);
    private final PoliceCsvFormat format = new PoliceCsvFormat();

    @Test
    void mapsTheSpecExampleRow() throws Exception {
        String csv = HEADER + "\n"
                + "INC-1,2025-10-04T22:40:00+01:00,CHILD_CONCERN,VICTIM,Mia,O'Neill,2014-08-30,F,1 High St,,Coventry,CV1 1AA,"
                + "100070000001,,PC Hannah Reid,Coventry North,024 7653 9018,hannah.reid@police.example\n";
        List<ParsedItem> items = format.parse("police", csv, Feeds.RECEIVED);

        assertThat(items).hasSize(1);
        ParsedItem item = items.get(0);
        assertThat(item.position()).isEqualTo(2);
        assertThat(item.location()).isEqualTo("line 2");
        assertThat(item.raw()).startsWith("INC-1,2025-10-04T22:40:00+01:00,CHILD_CONCERN").endsWith("hannah.reid@police.example");
        PartnerRecord r = item.record();
        assertThat(r.partner()).isEqualTo("police");
        assertThat(r.dataset()).isEqualTo("incidents");
        assertThat(r.sourceRecordId()).isEqualTo("INC-1|Mia|O'Neill|2014-08-30");
        assertThat(r.observedAt()).isEqualTo(LocalDate.of(2025, 10, 4));
        assertThat(r.categories()).containsExactly(DataCategory.CHILD_PROTECTION);
        assertThat(r.subject().givenName()).isEqualTo("Mia");
        assertThat(r.subject().familyName()).isEqualTo("O'Neill");
        assertThat(r.subject().dateOfBirth()).isEqualTo(LocalDate.of(2014, 8, 30));
        assertThat(r.subject().sex()).isEqualTo("F");
        assertThat(r.subject().address().postcode()).isEqualTo("CV1 1AA");
        assertThat(r.subject().address().line2()).isNull();
        assertThat(r.subject().address().uprn()).isEqualTo("100070000001");
        assertThat(r.subject().identifiers().pncId()).isNull();
        assertThat(r.facts()).containsExactly(
                org.assertj.core.api.Assertions.entry("incidentRef", "INC-1"),
                org.assertj.core.api.Assertions.entry("occurredAt", "2025-10-04T22:40:00+01:00"),
                org.assertj.core.api.Assertions.entry("incidentCategory", "CHILD_CONCERN"),
                org.assertj.core.api.Assertions.entry("role", "VICTIM"),
                org.assertj.core.api.Assertions.entry("officerTeam", "Coventry North"));
        assertThat(r.involvement()).isEqualTo(new Involvement("Police: Coventry North", "Police officer", "PC Hannah Reid",
                "024 7653 9018", "hannah.reid@police.example", LocalDate.of(2025, 10, 4), null));
    }

    @Test
    void mapsEachCategoryToItsDataCategory() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (String category : List.of("ASB", "CRIME", "DOMESTIC_ABUSE", "MISSING_PERSON", "CHILD_CONCERN")) {
            csv.append("INC-").append(category).append(",2025-10-04T22:40:00Z,").append(category)
                    .append(",SUBJECT,Ava,Smith,,,,,,,,,,,,\n");
        }
        List<DataCategory> mapped = format.parse("police", csv.toString(), Feeds.RECEIVED).stream()
                .map(i -> i.record().categories().iterator().next()).toList();
        assertThat(mapped).containsExactly(DataCategory.CRIME_ASB, DataCategory.CRIME_ASB, DataCategory.DOMESTIC_ABUSE,
                DataCategory.CHILD_PROTECTION, DataCategory.CHILD_PROTECTION);
    }

    @Test
    void keepsAnUnknownDateOfBirthAsAnEmptyKeyPart() throws Exception {
        String csv = HEADER + "\nINC-2,2025-10-04T22:40:00Z,ASB,WITNESS, Ava , Smith ,,,,,,,,,,,,\n";
        PartnerRecord r = format.parse("police", csv, Feeds.RECEIVED).get(0).record();
        assertThat(r.sourceRecordId()).isEqualTo("INC-2|Ava|Smith|");
        assertThat(r.subject().dateOfBirth()).isNull();
        assertThat(r.involvement()).isNull();
    }

    @Test
    void parsesTheSampleFile() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "police", Feeds.sample("police", "incidents.csv"));
        assertThat(items).allMatch(ParsedItem::isOk).hasSize(5);
        assertThat(items).extracting(ParsedItem::position).containsExactly(2, 3, 4, 5, 6);
        PartnerRecord tyler = items.get(4).record();
        assertThat(tyler.sourceRecordId()).isEqualTo("INC-2025-121477|Tyler|Brown|2011-10-15");
        assertThat(tyler.subject().address().line1()).isEqualTo("Flat 3, Deedmore Court");
        assertThat(tyler.subject().identifiers().pncId()).isEqualTo("25/0123456B");
        assertThat(items.get(0).record().categories()).containsExactly(DataCategory.DOMESTIC_ABUSE);
    }

    @Test
    void quarantinesBadRowsWithLineAndReasonAndKeepsTheGoodOnes() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "police", Feeds.bad("police-one-bad-row.csv"));
        assertThat(items).extracting(ParsedItem::position).containsExactly(2, 3, 4, 5, 6);
        assertThat(items).extracting(ParsedItem::isOk).containsExactly(true, false, true, false, true);

        ParsedItem badValues = items.get(1);
        assertThat(badValues.location()).isEqualTo("line 3");
        assertThat(badValues.problem()).isEqualTo(
                "category 'FIGHT' is not one of ASB, CRIME, DOMESTIC_ABUSE, MISSING_PERSON, CHILD_CONCERN; "
                        + "date_of_birth '2014-13-01' is not a date (expected yyyy-MM-dd)");
        assertThat(badValues.raw()).startsWith("INC-8,");

        ParsedItem short_ = items.get(3);
        assertThat(short_.problem()).isEqualTo("the row has 6 fields but the header has 18");
        assertThat(short_.raw()).isEqualTo("INC-10,2025-10-06T11:00:00+01:00,CRIME,VICTIM,Dee,Evans");

        assertThat(items.get(4).record().subject().address().line1()).isEqualTo("4 High St, Rear");
    }

    @Test
    void quarantinesARowWithBrokenQuotingAndGoesOn() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "police", Feeds.bad("police-broken-quote.csv"));
        assertThat(items).extracting(ParsedItem::position).containsExactly(2, 3, 4);
        assertThat(items.get(1).problem())
                .isEqualTo("broken CSV quoting on line 3: a closing quote must be followed by a comma or the end of the line");
        assertThat(items.get(1).raw()).contains("\"Smith\"x");
        assertThat(items.get(2).record().sourceRecordId()).isEqualTo("INC-3|Cy|Smith|2016-04-03");
    }

    @Test
    void countsPhysicalLinesAcrossQuotedLineBreaksAndCrLf() throws Exception {
        String csv = HEADER + "\r\n"
                + "INC-1,2025-10-04T22:40:00Z,ASB,SUBJECT,Ava,Smith,,,\"Flat 1\r\nThe Mews\",,,,,,,,,\r\n"
                + "\r\n"
                + "INC-2,2025-10-04T22:40:00Z,BAD,SUBJECT,Ben,Smith,,,,,,,,,,,,\r\n";
        List<ParsedItem> items = format.parse("police", csv, Feeds.RECEIVED);
        assertThat(items).extracting(ParsedItem::position).containsExactly(2, 5);
        assertThat(items.get(0).record().subject().address().line1()).isEqualTo("Flat 1\r\nThe Mews");
        assertThat(items.get(0).raw()).isEqualTo("INC-1,2025-10-04T22:40:00Z,ASB,SUBJECT,Ava,Smith,,,\"Flat 1\r\nThe Mews\",,,,,,,,,");
        assertThat(items.get(1).problem()).startsWith("category 'BAD' is not one of");
    }

    @Test
    void reportsMissingKeyFieldsAndBadTimes() throws Exception {
        String csv = HEADER + "\n,4 Oct 2025,ASB,SUBJECT,,Smith,,,,,,,,,,,,\n";
        ParsedItem item = format.parse("police", csv, Feeds.RECEIVED).get(0);
        assertThat(item.problem()).isEqualTo("incident_ref is missing; occurred_at '4 Oct 2025' is not a date-time with offset "
                + "(expected e.g. 2025-10-01T21:15:00+01:00); given_name is missing");
    }

    @Test
    void refusesABodyWhoseHeaderLacksColumns() {
        assertThatThrownBy(() -> Feeds.parse(format, "police", Feeds.bad("police-missing-columns.csv")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessage("not a police CSV: header is missing columns pnc_id, officer_email");
    }

    @Test
    void refusesABodyThatIsNotCsv() {
        assertThatThrownBy(() -> Feeds.parse(format, "police", Feeds.bad("not-csv.txt")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessageStartingWith("not a police CSV: the first line is not a readable CSV header (expected columns incident_ref,");
        assertThatThrownBy(() -> format.parse("police", "hello world\nthis is text\n", Feeds.RECEIVED))
                .hasMessageStartingWith("not a police CSV: header is missing columns incident_ref, occurred_at,");
    }

    @Test
    void refusesTheWholeBodyWhenAQuoteIsNeverClosed() {
        assertThatThrownBy(() -> Feeds.parse(format, "police", Feeds.bad("police-unclosed-quote.csv")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessage("broken CSV quoting: the quoted field in the row starting on line 3 is never closed");
    }

    @Test
    void refusesAHeaderThatNamesAColumnTwice() {
        assertThatThrownBy(() -> format.parse("police", HEADER + ",role\n", Feeds.RECEIVED))
                .hasMessage("not a police CSV: the header names column role twice");
    }
}
