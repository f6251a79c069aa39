package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.junit.jupiter.api.Test;

class ProbationJsonFormatTest {

    /** The example of partner-feeds.md, verbatim. */
    static final String SPEC_EXAMPLE = """
            {"cases":[{"crn":"X123456","givenName":"Lee","familyName":"Smith","dateOfBirth":"1988-07-14",
              "address":{"line1":"1 High St","town":"Coventry","postcode":"CV1 1AA"},"pncId":"2001/0123456A",
              "sentenceType":"COMMUNITY_ORDER","supervisionStart":"2025-01-10","supervisionEnd":null,
              "flags":["DOMESTIC_ABUSE_PERPETRATOR"],
              "offenderManager":{"name":"R Jones","team":"Coventry North","phone":"024 7600 1111","email":"r.jones@probation.example"}}],
             "next":"cursor-token"}
            """;

    private final ProbationJsonFormat format = new ProbationJsonFormat();

    @Test
    void mapsTheSpecExample() throws Exception {
        List<ParsedItem> items = format.parse("probation", SPEC_EXAMPLE, Feeds.RECEIVED);
        assertThat(items).hasSize(1);
        ParsedItem item = items.get(0);
        assertThat(item.position()).isEqualTo(1);
        assertThat(item.location()).isEqualTo("case 1");
        assertThat(item.raw()).startsWith("{\"crn\":\"X123456\"").contains("\"offenderManager\"");

        PartnerRecord r = item.record();
        assertThat(r.dataset()).isEqualTo("cases");
        assertThat(r.sourceRecordId()).isEqualTo("X123456");
        assertThat(r.observedAt()).isEqualTo(Feeds.RECEIVED);
        assertThat(r.categories()).containsExactlyInAnyOrder(DataCategory.OFFENDER_MANAGEMENT, DataCategory.DOMESTIC_ABUSE);
        assertThat(r.subject().identifiers().crn()).isEqualTo("X123456");
        assertThat(r.subject().identifiers().pncId()).isEqualTo("2001/0123456A");
        assertThat(r.subject().dateOfBirth()).isEqualTo(LocalDate.of(1988, 7, 14));
        assertThat(r.subject().sex()).isNull();
        assertThat(r.subject().address().town()).isEqualTo("Coventry");
        assertThat(r.facts()).containsOnlyKeys("crn", "sentenceType", "supervisionStart", "supervisionEnd", "flags", "team");
        assertThat(r.facts().get("supervisionStart")).isEqualTo("2025-01-10");
        assertThat(r.facts().get("supervisionEnd")).isNull();
        assertThat(r.facts().get("flags")).isEqualTo(List.of("DOMESTIC_ABUSE_PERPETRATOR"));
        assertThat(r.involvement()).isEqualTo(new Involvement("Probation: Coventry North", "Offender manager", "R Jones",
                "024 7600 1111", "r.jones@probation.example", LocalDate.of(2025, 1, 10), null));
    }

    @Test
    void supervisionEndIsTheObservationDateWhenKnown() throws Exception {
        PartnerRecord r = format.parse("probation", SPEC_EXAMPLE.replace("\"supervisionEnd\":null", "\"supervisionEnd\":\"2025-11-30\"")
                .replace("[\"DOMESTIC_ABUSE_PERPETRATOR\"]", "[]"), Feeds.RECEIVED).get(0).record();
        assertThat(r.observedAt()).isEqualTo(LocalDate.of(2025, 11, 30));
        assertThat(r.involvement().until()).isEqualTo(LocalDate.of(2025, 11, 30));
        assertThat(r.categories()).containsExactly(DataCategory.OFFENDER_MANAGEMENT);
    }

    @Test
    void parsesTheSampleFile() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "probation", Feeds.sample("probation", "cases.json"));
        assertThat(items).hasSize(3).allMatch(ParsedItem::isOk);
        assertThat(items).extracting(i -> i.record().sourceRecordId()).containsExactly("D284619", "M503118", "T771204");
        assertThat(items.get(1).record().observedAt()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(items.get(2).record().categories()).containsExactly(DataCategory.OFFENDER_MANAGEMENT);
    }

    @Test
    void quarantinesBadCasesAndKeepsTheGoodOnes() throws Exception {
        String json = """
                {"cases":[
                  {"crn":"A111111","givenName":"Ann","familyName":"Lee","sentenceType":"LICENCE"},
                  {"givenName":"Bob","familyName":"Lee","sentenceType":"PROBATION","supervisionStart":"10/01/2025",
                   "flags":["GANG_MEMBER"]},
                  "not a case",
                  {"crn":"C333333","givenName":{"first":"Cy"},"familyName":"Lee"}
                ]}
                """;
        List<ParsedItem> items = format.parse("probation", json, Feeds.RECEIVED);
        assertThat(items).extracting(ParsedItem::position).containsExactly(1, 2, 3, 4);
        assertThat(items.get(0).isOk()).isTrue();
        assertThat(items.get(1).location()).isEqualTo("case 2");
        assertThat(items.get(1).problem()).isEqualTo("crn is missing; "
                + "sentenceType 'PROBATION' is not one of COMMUNITY_ORDER, SUSPENDED_SENTENCE, LICENCE, POST_SENTENCE_SUPERVISION; "
                + "supervisionStart '10/01/2025' is not a date (expected yyyy-MM-dd); "
                + "flags 'GANG_MEMBER' is not one of DOMESTIC_ABUSE_PERPETRATOR, CHILD_CONCERNS");
        assertThat(items.get(2).problem()).isEqualTo("the case is not a JSON object");
        assertThat(items.get(3).problem()).isEqualTo("givenName must be a single value, not an object");
    }

    @Test
    void refusesTruncatedJsonWithTheLine() {
        assertThatThrownBy(() -> Feeds.parse(format, "probation", Feeds.bad("truncated.json")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessage("truncated JSON: unexpected end of input at line 4");
    }

    @Test
    void refusesMalformedJsonWithLineAndColumn() {
        assertThatThrownBy(() -> Feeds.parse(format, "probation", Feeds.bad("probation-malformed.json")))
                .hasMessageStartingWith("malformed JSON at line 2, column 38: Unexpected character");
        assertThatThrownBy(() -> format.parse("probation", "{\"cases\":[]} trailing", Feeds.RECEIVED))
                .hasMessageStartingWith("malformed JSON at line 1");
    }

    @Test
    void refusesJsonThatIsNotACasesDocument() {
        assertThatThrownBy(() -> Feeds.parse(format, "probation", Feeds.bad("probation-not-cases.json")))
                .hasMessage("not a probation cases document: expected a JSON object {\"cases\": [...]}");
        assertThatThrownBy(() -> format.parse("probation", "{\"cases\":{}}", Feeds.RECEIVED))
                .hasMessage("not a probation cases document: expected a JSON object {\"cases\": [...]}");
    }
}
