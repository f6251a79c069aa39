package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.junit.jupiter.api.Test;

class SchoolXmlFormatTest {

    /** The example of partner-feeds.md, verbatim. */
    static final String SPEC_EXAMPLE = """
            <AttendanceReturn schoolUrn="100001" schoolName="Oak Primary" academicYear="2025/26" term="AUTUMN">
              <Pupil>
                <UPN>A123456789012</UPN>
                <Forename>Ava</Forename><Surname>Smith</Surname><DOB>2015-03-02</DOB><Sex>F</Sex>
                <Address><Line1>1 High St</Line1><Line2/><Town>Coventry</Town><Postcode>CV1 1AA</Postcode><UPRN>100070000001</UPRN></Address>
                <SessionsPossible>140</SessionsPossible>
                <SessionsAuthorisedAbsence>6</SessionsAuthorisedAbsence>
                <SessionsUnauthorisedAbsence>18</SessionsUnauthorisedAbsence>
                <Exclusion type="SUSPENSION" start="2025-10-01" days="3"/>
                <Contact role="Attendance officer" name="J Patel" phone="024 7600 0000" email="j.patel@oak.sch.uk"/>
                <Parent relationship="MOTHER"><Forename>Kim</Forename><Surname>Smith</Surname></Parent>
              </Pupil>
            </AttendanceReturn>
            """;

    private final SchoolXmlFormat format = new SchoolXmlFormat();

    @Test
    void mapsTheSpecExample() throws Exception {
        List<ParsedItem> items = format.parse("school-oak", SPEC_EXAMPLE, Feeds.RECEIVED);
        assertThat(items).hasSize(1);
        ParsedItem item = items.get(0);
        assertThat(item.position()).isEqualTo(1);
        assertThat(item.location()).isEqualTo("Pupil 1");
        assertThat(item.raw()).startsWith("<Pupil><UPN>A123456789012</UPN>").endsWith("</Pupil>")
                .contains("<Exclusion type=\"SUSPENSION\" start=\"2025-10-01\" days=\"3\"/>");

        PartnerRecord r = item.record();
        assertThat(r.partner()).isEqualTo("school-oak");
        assertThat(r.dataset()).isEqualTo("attendance");
        assertThat(r.sourceRecordId()).isEqualTo("100001|A123456789012|2025/26|AUTUMN");
        assertThat(r.observedAt()).isEqualTo(LocalDate.of(2025, 9, 1));
        assertThat(r.categories()).containsExactlyInAnyOrder(DataCategory.EDUCATION_ATTENDANCE, DataCategory.EDUCATION_EXCLUSION);
        assertThat(r.subject().identifiers().upn()).isEqualTo("A123456789012");
        assertThat(r.subject().givenName()).isEqualTo("Ava");
        assertThat(r.subject().dateOfBirth()).isEqualTo(LocalDate.of(2015, 3, 2));
        assertThat(r.subject().sex()).isEqualTo("F");
        assertThat(r.subject().address().line2()).isNull();
        assertThat(r.subject().address().postcode()).isEqualTo("CV1 1AA");
        assertThat(r.subject().address().uprn()).isEqualTo("100070000001");

        assertThat(r.facts()).containsOnlyKeys("schoolUrn", "schoolName", "academicYear", "term", "sessionsPossible",
                "sessionsAuthorisedAbsence", "sessionsUnauthorisedAbsence", "attendanceRate", "persistentAbsence",
                "exclusions", "parents");
        assertThat(r.facts().get("attendanceRate")).isEqualTo(0.8286);
        assertThat(r.facts().get("persistentAbsence")).isEqualTo(true);
        assertThat(r.facts().get("sessionsPossible")).isEqualTo(140);
        assertThat(r.facts().get("exclusions")).isEqualTo(List.of(Map.of("type", "SUSPENSION", "start", "2025-10-01", "days", 3)));
        assertThat(r.facts().get("parents")).isEqualTo(
                List.of(Map.of("relationship", "MOTHER", "givenName", "Kim", "familyName", "Smith")));
        assertThat(r.involvement()).isEqualTo(new Involvement("Oak Primary", "Attendance officer", "J Patel", "024 7600 0000",
                "j.patel@oak.sch.uk", null, null));
    }

    @Test
    void termStartIsTheObservationDate() throws Exception {
        assertThat(observedAt("SPRING")).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(observedAt("SUMMER")).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    private LocalDate observedAt(String term) throws Exception {
        return format.parse("school", SPEC_EXAMPLE.replace("AUTUMN", term), Feeds.RECEIVED).get(0).record().observedAt();
    }

    @Test
    void ninetyPercentExactlyIsNotPersistentAbsence() throws Exception {
        String xml = SPEC_EXAMPLE.replace("<SessionsAuthorisedAbsence>6<", "<SessionsAuthorisedAbsence>4<")
                .replace("<SessionsUnauthorisedAbsence>18<", "<SessionsUnauthorisedAbsence>10<")
                .replaceAll("<Exclusion[^>]*/>", "");
        PartnerRecord r = format.parse("school", xml, Feeds.RECEIVED).get(0).record();
        assertThat(r.facts().get("attendanceRate")).isEqualTo(0.9);
        assertThat(r.facts().get("persistentAbsence")).isEqualTo(false);
        assertThat(r.categories()).containsExactly(DataCategory.EDUCATION_ATTENDANCE);
    }

    @Test
    void parsesTheSampleFile() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "school", Feeds.sample("school", "attendance.xml"));
        assertThat(items).hasSize(4).allMatch(ParsedItem::isOk);
        assertThat(items).extracting(i -> i.record().sourceRecordId()).containsExactly(
                "137421|U331200115001|2025/26|AUTUMN", "137421|Z331200112009|2025/26|AUTUMN",
                "137421|M331410009021|2025/26|AUTUMN", "137421|Q331410010033|2025/26|AUTUMN");
        assertThat(items).extracting(i -> i.record().facts().get("persistentAbsence")).containsExactly(true, false, true, false);
        assertThat(items.get(3).record().involvement()).isNull();
    }

    @Test
    void quarantinesBadPupilsAndKeepsTheGoodOne() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "school", Feeds.bad("school-bad-pupils.xml"));
        assertThat(items).extracting(ParsedItem::position).containsExactly(1, 2, 3, 4);
        assertThat(items.get(0).isOk()).isTrue();
        assertThat(items.get(0).record().observedAt()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(items.get(1).location()).isEqualTo("Pupil 2");
        assertThat(items.get(1).problem()).isEqualTo(
                "DOB '2017-02-30' is not a date (expected yyyy-MM-dd); SessionsAuthorisedAbsence '-1' must not be negative");
        assertThat(items.get(2).problem()).isEqualTo("absences (70 authorised + 60 unauthorised) exceed SessionsPossible 120");
        assertThat(items.get(3).problem()).isEqualTo("UPN is missing; SessionsPossible 'many' is not a whole number; "
                + "Exclusion type 'EXPELLED' is not one of SUSPENSION, PERMANENT");
        assertThat(items.get(3).raw()).contains("<Forename>Dan</Forename>");
    }

    @Test
    void refusesADoctypeSoNoExternalEntityIsEverRead() {
        assertThatThrownBy(() -> Feeds.parse(format, "school", Feeds.bad("xxe.xml")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessage("XML with a DOCTYPE is refused (DTDs and external entities are not accepted)");
        assertThatThrownBy(() -> Feeds.parse(format, "school", Feeds.bad("billion-laughs.xml")))
                .hasMessage("XML with a DOCTYPE is refused (DTDs and external entities are not accepted)");
    }

    @Test
    void refusesAnEntityReferenceWithoutADoctype() {
        assertThatThrownBy(() -> Feeds.parse(format, "school", Feeds.bad("entity-without-doctype.xml")))
                .hasMessageStartingWith("XML entity references are refused (DTDs and external entities are not accepted)")
                .hasMessageContaining("xxe");
    }

    @Test
    void refusesMalformedXmlWithLineAndColumn() {
        assertThatThrownBy(() -> Feeds.parse(format, "school", Feeds.bad("malformed.xml")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessageStartingWith("malformed XML at line 3, column 44: ")
                .hasMessageContaining("Forename");
    }

    @Test
    void refusesAMalformedTailEvenAfterGoodPupils() {
        String truncated = SPEC_EXAMPLE.replace("</AttendanceReturn>", "<Pupil><UPN>");
        assertThatThrownBy(() -> format.parse("school", truncated, Feeds.RECEIVED))
                .hasMessageStartingWith("malformed XML at line");
    }

    @Test
    void refusesAnotherDocumentOrAnIncompleteReturn() {
        assertThatThrownBy(() -> format.parse("school", "<Census/>", Feeds.RECEIVED))
                .hasMessage("not a school attendance return: the root element is <Census>, expected <AttendanceReturn>");
        assertThatThrownBy(() -> format.parse("school", "<AttendanceReturn schoolName=\"Oak\" term=\"AUTUMN\"/>", Feeds.RECEIVED))
                .hasMessage("not a complete attendance return: <AttendanceReturn> is missing attribute(s) schoolUrn, academicYear");
        assertThatThrownBy(() -> format.parse("school", SPEC_EXAMPLE.replace("AUTUMN", "WINTER"), Feeds.RECEIVED))
                .hasMessage("term 'WINTER' is not one of AUTUMN, SPRING, SUMMER");
        assertThatThrownBy(() -> format.parse("school", SPEC_EXAMPLE.replace("2025/26", "2025/27"), Feeds.RECEIVED))
                .hasMessage("academicYear '2025/27' is not an academic year (expected e.g. 2025/26)");
    }

    /** Namespaces, repeated elements, mixed content, CDATA and comments: the values and quarantine text they give. */
    static final String AWKWARD = """
            <r:AttendanceReturn xmlns:r="urn:x" xmlns:a="urn:a" xmlns:b="urn:b" schoolUrn="100001" schoolName="Oak &amp; Ash" academicYear="2025/26" term="AUTUMN">
              <Other><Pupil><UPN>not a pupil of the return</UPN></Pupil></Other>
              <r:Pupil a:id="1" b:id="2" plain="x&lt;y">
                <UPN> A123456789012 </UPN><UPN>B000000000000</UPN>
                <Forename>Ava<!-- c -->Rose</Forename><Surname><![CDATA[Smith & <Sons>]]></Surname><Sex/>
                <Address><Line1>1 "High" St</Line1><Line2>  </Line2><Town>Cov<x/>entry</Town></Address>
                <Address><Line1>second</Line1></Address>
                <SessionsPossible>140</SessionsPossible>
                <SessionsAuthorisedAbsence>6</SessionsAuthorisedAbsence>
                <SessionsUnauthorisedAbsence>18</SessionsUnauthorisedAbsence>
                <?pi data?>
                <Exclusion type="PERMANENT" start="2025-11-01">note</Exclusion>
                <Contact role="Attendance officer" name="J &amp; Patel"/><Contact role="second"/>
                <Parent relationship="MOTHER"><Forename>Kim</Forename><Forename>Other</Forename></Parent>
                <Unknown attr="1">text <b>bold</b> tail</Unknown>
              </r:Pupil>
              <Pupil>just text &gt; here</Pupil>
            </r:AttendanceReturn>
            """;

    @Test
    void readsTheFirstOfEachElementAndKeepsACanonicalQuarantineText() throws Exception {
        List<ParsedItem> items = format.parse("school", AWKWARD, Feeds.RECEIVED);
        assertThat(items).extracting(ParsedItem::location).containsExactly("Pupil 1", "Pupil 2");
        assertThat(items.get(0).raw()).isEqualTo("<Pupil id=\"2\" plain=\"x&lt;y\"><UPN> A123456789012 </UPN>"
                + "<UPN>B000000000000</UPN><Forename>AvaRose</Forename><Surname>Smith &amp; &lt;Sons&gt;</Surname><Sex/>"
                + "<Address><Line1>1 \"High\" St</Line1><Line2>  </Line2><Town><x/></Town></Address>"
                + "<Address><Line1>second</Line1></Address><SessionsPossible>140</SessionsPossible>"
                + "<SessionsAuthorisedAbsence>6</SessionsAuthorisedAbsence><SessionsUnauthorisedAbsence>18</SessionsUnauthorisedAbsence>"
                + "<Exclusion type=\"PERMANENT\" start=\"2025-11-01\">note</Exclusion>"
                + "<Contact role=\"Attendance officer\" name=\"J &amp; Patel\"/><Contact role=\"second\"/>"
                + "<Parent relationship=\"MOTHER\"><Forename>Kim</Forename><Forename>Other</Forename></Parent>"
                + "<Unknown attr=\"1\"><b>bold</b></Unknown></Pupil>");
        PartnerRecord r = items.get(0).record();
        assertThat(r.sourceRecordId()).isEqualTo("100001|A123456789012|2025/26|AUTUMN");
        assertThat(r.subject().givenName()).isEqualTo("AvaRose");
        assertThat(r.subject().familyName()).isEqualTo("Smith & <Sons>");
        assertThat(r.subject().sex()).isNull();
        assertThat(r.subject().address().line1()).isEqualTo("1 \"High\" St");
        assertThat(r.subject().address().line2()).isNull();
        assertThat(r.subject().address().town()).isEqualTo("Coventry");
        assertThat(r.facts().get("exclusions")).isEqualTo(List.of(map("type", "PERMANENT", "start", "2025-11-01", "days", null)));
        assertThat(r.facts().get("parents")).isEqualTo(List.of(map("relationship", "MOTHER", "givenName", "Kim", "familyName", null)));
        assertThat(r.involvement()).isEqualTo(new Involvement("Oak & Ash", "Attendance officer", "J & Patel", null, null,
                null, null));
        assertThat(items.get(1).raw()).isEqualTo("<Pupil>just text &gt; here</Pupil>");
        assertThat(items.get(1).problem()).startsWith("UPN is missing");
    }

    /** A map in the given key order that may hold nulls, as the facts do. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
