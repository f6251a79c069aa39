package org.familyhub.family;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.familyhub.consent.RecordPurger;
import org.familyhub.support.Api;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.familyhub.synth.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A family pushed through four partners' feeds comes out as one family with its members, criteria, workers, read
 * under purpose rules, allocation and break-glass, every read audited. Each test makes its own family (a surname
 * of its own, identifiers of its own): the database is shared with the other integration tests.
 */
@HubIntegrationTest
class FamilyViewIT {

    private static final String HOUSING_HEADER = "tenancy_ref,uprn,address_line1,address_line2,town,postcode,given_name,"
            + "family_name,date_of_birth,relationship_to_tenant,rent_arrears_gbp,asb_complaints_12m,"
            + "notice_seeking_possession,housing_officer_name,housing_officer_phone,housing_officer_email\n";
    private static final String DWP_HEADER = "match_ref,nino,given_name,family_name,date_of_birth,postcode,benefit,claim_start,work_status\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RecordPurger purger;

    @Autowired
    FamilyReassessmentJob reassessment;

    Api api;
    final Random random = new Random();

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    /** A family of its own: mother and son at one address, a father named on the school return who lives elsewhere. */
    final class Family {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String surname = surname();
        /** Kayleigh's date of birth: a day of her own, so two tests' mothers never look like one woman. */
        final java.time.LocalDate kDob = java.time.LocalDate.of(1984, 1, 1).plusDays(random.nextInt(3000));
        /** Darren's, likewise, and his own address elsewhere: same first name, birth date and address would rightly link. */
        final java.time.LocalDate dDob = java.time.LocalDate.of(1980, 1, 1).plusDays(random.nextInt(3000));
        final java.time.LocalDate jDob = java.time.LocalDate.of(2010, 1, 1).plusDays(random.nextInt(2500));
        final long n = Math.abs(random.nextLong() % 9_000_000L) + 1_000;
        /** His own house number (this family's n): two tests' fathers at one address would rightly be one household. */
        final String dStreet = n + " Far Gosford Street";
        final String upn = TestIds.upn(n);
        final String nino = TestIds.nino(n);
        final String uprn = String.valueOf(200_000_000_000L + n);
        final String postcode = "CV" + (1 + random.nextInt(6)) + " " + (1 + random.nextInt(9)) + "Q"
                + "ABDEFGHJLNPQRSTUWXYZ".charAt(random.nextInt(20)); // letters a postcode's inward code may end with
        final String street = (1 + random.nextInt(200)) + " Gosford Street";
        /**
         * Darren's postcode, of his own too: every test's Darren at one postcode meant that two of them born a digit
         * apart could rightly be linked as one man (they share a given name, street and postcode).
         */
        final String dPostcode = "CV" + (1 + random.nextInt(6)) + " " + (1 + random.nextInt(9))
                + "ABDEFGHJLNPRSTUWXYZ".charAt(random.nextInt(19)) + "ABDEFGHJLNPQRSTUWXYZ".charAt(random.nextInt(20));

        String police() {
            return Feeds.POLICE_HEADER
                    + "INC-" + run + "-1,2026-10-01T21:15:00+01:00,ASB,SUSPECT,Kayleigh," + surname + "," + kDob + ",F,"
                    + street + ",,Coventry," + postcode + "," + uprn + ",,PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n"
                    + "INC-" + run + "-2,2026-09-14T13:00:00+01:00,CRIME,SUSPECT,Darren," + surname + "," + dDob + ",M,"
                    + dStreet + ",,Coventry," + dPostcode + ",,,PC B Lee,Coventry South,024 7653 9001,b.lee@police.example\n";
        }

        String school() {
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <AttendanceReturn schoolUrn="137421" schoolName="Foleshill Park Academy" academicYear="2026/27" term="AUTUMN">
                      <Pupil>
                        <UPN>%s</UPN>
                        <Forename>Jayden</Forename><Surname>%s</Surname><DOB>%s</DOB><Sex>M</Sex>
                        <Address><Line1>%s</Line1><Line2/><Town>Coventry</Town><Postcode>%s</Postcode><UPRN>%s</UPRN></Address>
                        <SessionsPossible>140</SessionsPossible>
                        <SessionsAuthorisedAbsence>8</SessionsAuthorisedAbsence>
                        <SessionsUnauthorisedAbsence>19</SessionsUnauthorisedAbsence>
                        <Contact role="Attendance officer" name="Mrs L Grant" phone="024 7668 1234" email="l.grant@foleshillpark.example"/>
                        <Parent relationship="MOTHER"><Forename>Kayleigh</Forename><Surname>%s</Surname></Parent>
                        <Parent relationship="FATHER"><Forename>Darren</Forename><Surname>%s</Surname></Parent>
                      </Pupil>
                    </AttendanceReturn>
                    """.formatted(upn, surname, jDob, street, postcode, uprn, surname, surname);
        }

        String housing() {
            return HOUSING_HEADER
                    + "T-" + run + "," + uprn + "," + street + ",,Coventry," + postcode + ",Kayleigh," + surname
                    + "," + kDob + ",TENANT,412.50,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n"
                    + "T-" + run + "," + uprn + "," + street + ",,Coventry," + postcode + ",Jayden," + surname
                    + "," + jDob + ",CHILD,412.50,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n";
        }

        String dwp() {
            return DWP_HEADER + "M-" + run + "," + nino + ",Kayleigh," + surname + "," + kDob + "," + postcode + ",UC,2024-03-11,NOT_WORKING\n";
        }

        void pushAll() {
            push("police", police());
            push("school", school());
            push("housing", housing());
            push("dwp", dwp());
        }

        String familyId() {
            Api.Response r = api.get("data1", "/api/families/search?upn=" + upn, "X-Purpose", "identification");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode items = r.json().get("items");
            assertThat(items).as("one family holds the pupil %s", upn).hasSize(1);
            return items.get(0).get("familyId").asText();
        }
    }

    /**
     * A surname of its own, built from random syllables: the linker forgives typos, so names that share a long stem
     * (or the same mother's name and birth date in two tests) could rightly be linked across tests.
     */
    private String surname() {
        String[] syllables = {"bar", "dun", "kel", "mor", "tav", "rin", "sol", "gar", "pem", "wex", "lut", "fen", "hob",
                "nar", "quil", "jos", "vek", "zam", "cor", "til"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            s.append(syllables[random.nextInt(syllables.length)]);
        }
        s.append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26)));
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void push(String partner, String body) {
        Api.Response r = api.post(partner + "-it", "/api/feeds/" + partner, body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode batch = api.get(partner + "-it", "/api/feeds/" + partner + "/batches/" + r.json().get("batchId").asText()).json();
        assertThat(batch.get("quarantined").asInt()).as(api.get(partner + "-it", "/api/quarantine?partner=" + partner
                + "&batch=" + batch.get("batchId").asText()).body()).isZero();
        assertThat(batch.get("refused").asInt()).as(batch.toString()).isZero();
    }

    private JsonNode family(String user, String id, String purpose) {
        Api.Response r = api.get(user, "/api/families/" + id, "X-Purpose", purpose);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void fourPartnersFeedsMakeOneFamilyWithItsCriteriaAndEvidence() {
        Family f = new Family();
        f.pushAll();
        JsonNode view = family("data1", f.familyId(), "identification");

        JsonNode members = view.get("members");
        assertThat(texts(members, "givenName")).containsExactlyInAnyOrder("Kayleigh", "Jayden", "Darren");
        JsonNode darren = members.findParents("givenName").stream().filter(m -> m.get("givenName").asText().equals("Darren"))
                .findFirst().orElseThrow();
        assertThat(darren.get("membership").asText()).as("named as father on the school return, lives elsewhere").isEqualTo("STATED");
        JsonNode kayleigh = members.findParents("givenName").stream().filter(m -> m.get("givenName").asText().equals("Kayleigh"))
                .findFirst().orElseThrow();
        assertThat(texts(kayleigh.get("sources"), "partner")).as(view.toPrettyString()).containsExactlyInAnyOrder("police", "housing", "dwp");
        assertThat(texts(kayleigh.get("sources"), "sourceRecordId")).contains("M-" + f.run);

        assertThat(view.get("framework").asText()).isEqualTo("tf-2015");
        List<String> met = new ArrayList<>();
        view.get("criteria").forEach(c -> {
            if (c.get("met").asBoolean()) {
                met.add(c.get("id").asText());
            }
        });
        assertThat(met).contains("crime-asb", "school-attendance", "worklessness-financial-exclusion");
        assertThat(view.get("eligible").asBoolean()).isTrue();
        JsonNode crime = view.get("criteria").findParents("id").stream().filter(c -> c.get("id").asText().equals("crime-asb"))
                .findFirst().orElseThrow();
        assertThat(texts(crime.get("evidence"), "sourceRecordId"))
                .contains("INC-" + f.run + "-1|Kayleigh|" + f.surname + "|" + f.kDob);
        assertThat(crime.get("evidence").get(0).get("basis").size()).isPositive();
    }

    @Test
    void aFatherLivingAloneElsewhereWhoseRecordsCameFirstIsAMemberOfHisChildsFamilyOnly() {
        Family f = new Family();
        // his police record arrives first and places him alone at his own address; the school return names him later
        f.pushAll();
        String id = f.familyId();
        String darren = jdbc.queryForObject("select person_id from person_link where source_record_id = ?", String.class,
                "INC-" + f.run + "-2|Darren|" + f.surname + "|" + f.dDob);
        assertThat(jdbc.queryForList("select family_id || ':' || basis from family_member where person_id = ?", String.class, darren))
                .as("no family of one left behind at his own address").containsExactly(id + ":STATED");
        assertThat(jdbc.queryForList("""
                select e.kind from family_event e where e.person_id = ? and e.family_id <> ? order by e.event_id""",
                String.class, darren, id)).as("the family of one he had is on the record").contains("MEMBER_JOINED");
    }

    @Test
    void aFatherWhoseRecordsArriveAfterTheSchoolReturnNamingHimJoinsHisChildsFamily() {
        Family f = new Family();
        push("school", f.school());
        push("housing", f.housing());
        String id = f.familyId();
        // a boy who bears the father's name arrives first: too young to be Jayden's father, he changes nothing
        java.time.LocalDate boyDob = f.jDob.plusYears(3);
        push("police", Feeds.POLICE_HEADER
                + "INC-" + f.run + "-5,2026-08-20T16:00:00+01:00,ASB,WITNESS,Darren," + f.surname + "," + boyDob + ",M,"
                + "9 Sky Blue Way,,Coventry,CV2 4LT,,,PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n");
        String boy = jdbc.queryForObject("select person_id from person_link where source_record_id = ?", String.class,
                "INC-" + f.run + "-5|Darren|" + f.surname + "|" + boyDob);
        assertThat(jdbc.queryForList("select family_id from family_member where person_id = ?", String.class, boy))
                .doesNotContain(id);

        // the father's own record comes later, alone (nobody of the household's in its batch): the family his son's
        // school return names him in takes him in
        String[] police = f.police().split("\n");
        push("police", police[0] + "\n" + police[2] + "\n");
        String darren = jdbc.queryForObject("select person_id from person_link where source_record_id = ?", String.class,
                "INC-" + f.run + "-2|Darren|" + f.surname + "|" + f.dDob);
        assertThat(jdbc.queryForList("select family_id || ':' || basis from family_member where person_id = ?", String.class, darren))
                .containsExactly(id + ":STATED");
        assertThat(jdbc.queryForList("select family_id from family_member where person_id = ?", String.class, boy))
                .doesNotContain(id);
    }

    @Test
    void aClaimantKnownOnlyByPostcodeJoinsTheOneHouseholdThereThatBearsTheirName() {
        Family f = new Family();
        long n = Math.abs(random.nextLong() % 9_000_000L) + 1_000;
        // DWP's match return gives a postcode and no house; it arrives before anyone is placed at that postcode
        push("dwp", DWP_HEADER + "M2-" + f.run + "," + TestIds.nino(n) + ",Shane," + f.surname + ",1979-05-02," + f.postcode
                + ",JSA,2025-01-11,NOT_WORKING\n"
                + "M3-" + f.run + "," + TestIds.nino(n + 1) + ",Tomasz," + surname() + ",1982-07-19," + f.postcode
                + ",JSA,2025-02-11,NOT_WORKING\n");
        f.pushAll();
        String id = f.familyId();
        String shane = jdbc.queryForObject("select person_id from person_link where source_record_id = ?", String.class, "M2-" + f.run);
        assertThat(jdbc.queryForList("select family_id || ':' || basis from family_member where person_id = ?", String.class, shane))
                .as("the household at his postcode bears his family name").containsExactly(id + ":POSTCODE");
        assertThat(texts(family("data1", id, "identification").get("members"), "givenName")).contains("Shane").doesNotContain("Tomasz");

        // another household at the postcode bearing the name: which one he lives in is no longer known
        push("housing", HOUSING_HEADER + "T9-" + f.run + ",,77 Moat Avenue,,Coventry," + f.postcode + ",Roxanne," + f.surname
                + ",1961-03-30,TENANT,0.00,0,N,Jo Park,024 7671 2001,jo.park@housing.example\n");
        assertThat(jdbc.queryForList("select family_id from family_member where person_id = ?", String.class, shane))
                .as("placed by postcode only when one household there bears the name").doesNotContain(id);
        assertThat(texts(family("data1", id, "identification").get("members"), "givenName")).doesNotContain("Shane", "Roxanne");
    }

    @Test
    void aParentNamedOnTheSchoolReturnWhomSeveralCouldBeIsTheOneOnAnIncidentWithTheChild() {
        Family f = new Family();
        // two men of the father's name, both old enough: the one on an incident with Jayden is the one his school means
        push("police", Feeds.POLICE_HEADER
                + "INC-" + f.run + "-7,2026-08-02T22:40:00+01:00,DOMESTIC_ABUSE,SUSPECT,Darren," + f.surname + "," + f.dDob + ",M,"
                + f.dStreet + ",,Coventry," + f.dPostcode + ",,,PC B Lee,Coventry South,024 7653 9001,b.lee@police.example\n"
                + "INC-" + f.run + "-7,2026-08-02T22:40:00+01:00,DOMESTIC_ABUSE,WITNESS,Jayden," + f.surname + "," + f.jDob + ",M,"
                + f.street + ",,Coventry," + f.postcode + "," + f.uprn + ",,PC B Lee,Coventry South,024 7653 9001,b.lee@police.example\n"
                + "INC-" + f.run + "-8,2026-07-12T10:05:00+01:00,ASB,SUSPECT,Darren," + f.surname + ",1969-02-14,M,"
                + "5 Sky Blue Way,,Coventry,CV2 4LT,,,PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n");
        push("school", f.school());
        push("housing", f.housing());
        String id = f.familyId();
        String meant = jdbc.queryForObject("select person_id from person_link where source_record_id = ?", String.class,
                "INC-" + f.run + "-7|Darren|" + f.surname + "|" + f.dDob);
        String namesake = jdbc.queryForObject("select person_id from person_link where source_record_id = ?", String.class,
                "INC-" + f.run + "-8|Darren|" + f.surname + "|1969-02-14");
        assertThat(meant).isNotEqualTo(namesake);
        assertThat(jdbc.queryForList("select family_id || ':' || basis from family_member where person_id = ?", String.class, meant))
                .containsExactly(id + ":STATED");
        assertThat(jdbc.queryForList("select family_id from family_member where person_id = ?", String.class, namesake))
                .doesNotContain(id);
    }

    @Test
    void whoElseIsWorkingWithTheFamilyListsEveryServiceWithContactDetails() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        Api.Response r = api.get("data1", "/api/families/" + id + "/workers", "X-Purpose", "assessment");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(texts(r.json(), "professional")).contains("PC A Khan", "PC B Lee", "Mrs L Grant", "Marcus Bell");
        JsonNode grant = r.json().findParents("professional").stream()
                .filter(w -> w.get("professional").asText().equals("Mrs L Grant")).findFirst().orElseThrow();
        assertThat(grant.get("partner").asText()).isEqualTo("school");
        assertThat(grant.get("email").asText()).isEqualTo("l.grant@foleshillpark.example");
        assertThat(grant.get("role").asText()).isEqualTo("Attendance officer");
    }

    @Test
    void caseCoordinationCountsDwpDataButNeverShowsIt() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        assertThat(api.post("data1", "/api/families/" + id + "/allocation", "{\"keyWorker\": \"kw1\"}").status()).isEqualTo(200);

        Api.Response r = api.get("kw1", "/api/families/" + id, "X-Purpose", "case-coordination");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode work = r.json().get("criteria").findParents("id").stream()
                .filter(c -> c.get("id").asText().equals("worklessness-financial-exclusion")).findFirst().orElseThrow();
        assertThat(work.get("met").asBoolean()).as("the DWP match still counts").isTrue();
        assertThat(r.body()).doesNotContain("M-" + f.run).doesNotContain(f.nino).doesNotContain("\"dwp\"")
                .doesNotContain("NOT_WORKING");
        // the same family read for identification by the data team shows the DWP source
        assertThat(api.get("data1", "/api/families/" + id, "X-Purpose", "identification").body()).contains("M-" + f.run);
    }

    @Test
    void aKeyWorkerIsRefusedAFamilyNotAllocatedToThemUnlessTheyJustifyIt() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        api.post("data1", "/api/families/" + id + "/allocation", "{\"keyWorker\": \"kw1\"}");

        Api.Response refused = api.get("kw2", "/api/families/" + id, "X-Purpose", "case-coordination");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).contains("X-Justification");
        assertThat(api.get("kw2", "/api/families/" + id + "/workers", "X-Purpose", "case-coordination").status()).isEqualTo(403);
        // a search without justification does not reveal another worker's family
        assertThat(api.get("kw2", "/api/families/search?upn=" + f.upn, "X-Purpose", "case-coordination").json()
                .get("items")).isEmpty();

        String why = "Called by the school about Jayden " + f.run;
        Api.Response glass = api.get("kw2", "/api/families/" + id, "X-Purpose", "case-coordination", "X-Justification", why);
        assertThat(glass.status()).as(glass.body()).isEqualTo(200);
        assertThat(glass.json().get("breakGlass").asBoolean()).isTrue();
        Integer flagged = jdbc.queryForObject("""
                select count(*) from audit_event where type = 'BREAK_GLASS' and actor = 'kw2' and flagged
                   and reason = ? and purpose = 'case-coordination'""", Integer.class, why);
        assertThat(flagged).isEqualTo(1);

        Api.Response allocated = api.get("kw1", "/api/families/" + id, "X-Purpose", "case-coordination");
        assertThat(allocated.status()).isEqualTo(200);
        assertThat(allocated.json().get("breakGlass").asBoolean()).isFalse();
    }

    @Test
    void everyReadStatesAnAllowedPurposeAndIsAudited() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        Api.Response none = api.get("data1", "/api/families/" + id);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("error").asText()).contains("X-Purpose");
        assertThat(api.get("data1", "/api/families/" + id, "X-Purpose", "gossip").status()).isEqualTo(400);
        assertThat(api.get("kw1", "/api/families/" + id, "X-Purpose", "identification").status())
                .as("identification is not a key worker's purpose").isEqualTo(403);
        assertThat(api.get("ig1", "/api/families/" + id, "X-Purpose", "assessment").status()).isEqualTo(403);
        assertThat(api.get("data1", "/api/families/F999999999", "X-Purpose", "assessment").status()).isEqualTo(404);

        family("data1", id, "outcome-evidence");
        List<String> reads = jdbc.queryForList("""
                select purpose from audit_event where type = 'READ' and actor = 'data1'
                   and details->>'familyId' = ? order by id""", String.class, id);
        assertThat(reads).contains("outcome-evidence");
    }

    @Test
    void idsStayStableAsMoreDataArrives() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        JsonNode before = family("data1", id, "identification").get("members");

        // a new incident for the son, and the same files again: nothing moves
        push("police", Feeds.POLICE_HEADER + "INC-" + f.run + "-3,2026-11-01T16:00:00+00:00,ASB,SUSPECT,Jayden," + f.surname
                + "," + f.jDob + ",M," + f.street + ",,Coventry," + f.postcode + "," + f.uprn + ",,PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n");
        f.pushAll();
        assertThat(f.familyId()).isEqualTo(id);
        JsonNode after = family("data1", id, "identification").get("members");
        assertThat(texts(after, "personId")).containsExactlyInAnyOrderElementsOf(texts(before, "personId"));
        JsonNode jayden = after.findParents("givenName").stream().filter(m -> m.get("givenName").asText().equals("Jayden"))
                .findFirst().orElseThrow();
        assertThat(texts(jayden.get("sources"), "sourceRecordId")).anyMatch(s -> s.startsWith("INC-" + f.run + "-3|"));
        Integer events = jdbc.queryForObject("select count(*) from family_event where family_id = ? and kind = 'CREATED'",
                Integer.class, id);
        assertThat(events).isEqualTo(1);
    }

    @Test
    void familiesAreListedByEligibility() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        JsonNode eligible = api.get("data1", "/api/families?eligible=true&size=1000", "X-Purpose", "identification").json();
        assertThat(eligible.get("total").asLong()).isPositive();
        boolean listed = false;
        for (int page = 0; page * 1000 < eligible.get("total").asLong() && !listed; page++) {
            JsonNode items = api.get("data1", "/api/families?eligible=true&size=1000&page=" + page, "X-Purpose", "identification")
                    .json().get("items");
            listed = texts(items, "familyId").contains(id);
            items.forEach(i -> assertThat(i.get("eligible").asBoolean()).isTrue());
        }
        assertThat(listed).isTrue();
        // a key worker's list is their own caseload
        api.post("data1", "/api/families/" + id + "/allocation", "{\"keyWorker\": \"kw2\"}");
        JsonNode mine = api.get("kw2", "/api/families?size=1000", "X-Purpose", "case-coordination").json();
        assertThat(texts(mine.get("items"), "familyId")).contains(id);
        mine.get("items").forEach(i -> assertThat(i.get("keyWorker").asText()).isEqualTo("kw2"));
    }

    @Test
    void theCaseSystemHearsOncePerChangeAndNeverOfDwpDetail() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        List<java.util.Map<String, Object>> messages = jdbc.queryForList(
                "select reason, payload::text as payload from outbound_message where family_id = ? order by id", id);
        // eligible once crime and attendance are both in; each later batch that changes the view is one more message
        assertThat(messages.get(0).get("reason")).isEqualTo("NEWLY_ELIGIBLE");
        assertThat(messages.subList(1, messages.size())).allMatch(m -> m.get("reason").equals("CHANGED"));
        for (java.util.Map<String, Object> m : messages) {
            assertThat((String) m.get("payload")).contains(f.upn).doesNotContain(f.nino).doesNotContain("M-" + f.run)
                    .doesNotContain("NOT_WORKING");
        }
        int sent = messages.size();

        f.pushAll(); // the same files again: nothing changed, nothing sent
        assertThat(jdbc.queryForObject("select count(*) from outbound_message where family_id = ?", Integer.class, id)).isEqualTo(sent);

        push("police", Feeds.POLICE_HEADER + "INC-" + f.run + "-9,2026-11-02T16:00:00+00:00,ASB,VICTIM,Jayden," + f.surname
                + "," + f.jDob + ",M," + f.street + ",,Coventry," + f.postcode + "," + f.uprn + ",,PC C Dunn,Coventry East,024 7653 9002,c.dunn@police.example\n");
        List<String> reasons = jdbc.queryForList("select reason from outbound_message where family_id = ? order by id", String.class, id);
        assertThat(reasons).hasSize(sent + 1).last().isEqualTo("CHANGED");
    }

    @Test
    void aPurgeTakesThePurgedRecordsOutOfTheFamilyItsCriteriaAndItsLinks() {
        String agreement = policeAgreementOfItsOwn();
        Family f = new Family();
        try {
            push("police", f.police());
        } finally {
            assertThat(api.post("ig1", "/api/agreements/" + agreement + "/suspend", "").status()).isEqualTo(200);
        }
        push("school", f.school());
        String id = f.familyId();
        JsonNode before = family("data1", id, "assessment");
        assertThat(before.get("eligible").asBoolean()).isTrue();
        assertThat(texts(before.get("members"), "givenName")).contains("Darren");
        // a police record's key is the incident and the person involved
        String policeKeys = "police|INC-" + f.run + "-%";
        assertThat(jdbc.queryForObject("select count(*) from person_link where record_key like ?", Integer.class, policeKeys))
                .isPositive();

        assertThat(purger.purgeEndedAgreements()).filteredOn(k -> k.startsWith("police|INC-" + f.run + "-")).hasSize(2);

        JsonNode after = family("data1", id, "assessment");
        assertThat(after.get("eligible").asBoolean()).as("attendance alone is one criterion: %s", after).isFalse();
        assertThat(after.toString()).doesNotContain("INC-" + f.run);
        assertThat(texts(after.get("members"), "givenName")).as("his parents were known from police records only")
                .containsExactly("Jayden");
        for (String table : List.of("person_link")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where record_key like ?", Integer.class,
                    policeKeys)).as(table).isZero();
        }
        assertThat(jdbc.queryForList("select reason from outbound_message where family_id = ? order by id", String.class, id))
                .last().isEqualTo("NO_LONGER_ELIGIBLE");
    }

    @Test
    void aFamilyWhoseEveryRecordIsPurgedEndsAndTheCaseSystemHearsItIsNoLongerEligible() {
        String agreement = policeAgreementOfItsOwn();
        Family f = new Family();
        String kayleigh = "Kayleigh," + f.surname + "," + f.kDob + ",F," + f.street + ",,Coventry," + f.postcode + "," + f.uprn + ",,";
        try {
            push("police", Feeds.POLICE_HEADER
                    + "INC-" + f.run + "-1,2026-10-01T21:15:00+01:00,ASB,SUSPECT," + kayleigh
                    + "PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n"
                    + "INC-" + f.run + "-2,2026-10-12T23:40:00+01:00,DOMESTIC_ABUSE,VICTIM," + kayleigh
                    + "PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n");
        } finally {
            assertThat(api.post("ig1", "/api/agreements/" + agreement + "/suspend", "").status()).isEqualTo(200);
        }
        String id = jdbc.queryForObject("""
                select m.family_id from family_member m join person_link l using (person_id)
                 where l.record_key like ?""", String.class, "police|INC-" + f.run + "-1|%");
        assertThat(family("data1", id, "assessment").get("eligible").asBoolean()).as("crime and domestic abuse").isTrue();

        purger.purgeEndedAgreements();

        assertThat(jdbc.queryForObject("select dissolved_at is not null from family where family_id = ?", Boolean.class, id)).isTrue();
        List<java.util.Map<String, Object>> messages = jdbc.queryForList(
                "select reason, payload::text as payload from outbound_message where family_id = ? order by id", id);
        assertThat(messages).extracting(m -> m.get("reason")).containsExactly("NEWLY_ELIGIBLE", "NO_LONGER_ELIGIBLE");
        assertThat((String) messages.get(1).get("payload")).as("the member it was told of").contains("Kayleigh")
                .contains("\"eligible\": false");
    }

    @Test
    void theNightlyReassessmentLetsEvidenceAgeOutOfItsLookBackWindow() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        assertThat(family("data1", id, "assessment").get("criteria").toString()).contains("crime-asb");
        int messages = jdbc.queryForObject("select count(*) from outbound_message where family_id = ?", Integer.class, id);
        // thirteen months on, with nothing new: the police records (the only crime/ASB evidence) are past its 12 months
        java.time.LocalDate later = java.time.LocalDate.now().plusMonths(13);
        try {
            reassessment.run(later);
            assertThat(jdbc.queryForObject("select array_to_string(criteria_met, ',') from family where family_id = ?",
                    String.class, id)).doesNotContain("crime-asb");
            // (the autumn term's attendance is past its three terms too, so the family may no longer be eligible)
            assertThat(jdbc.queryForList("select reason from outbound_message where family_id = ? order by id", String.class, id))
                    .hasSize(messages + 1).last().isIn("CHANGED", "NO_LONGER_ELIGIBLE");
            reassessment.run(later); // nothing changed since: nothing sent
            assertThat(jdbc.queryForObject("select count(*) from outbound_message where family_id = ?", Integer.class, id))
                    .isEqualTo(messages + 1);
        } finally {
            reassessment.run(java.time.LocalDate.now()); // back to today for the other tests' families
        }
    }

    /** A police agreement of the test's own, sorting before isa-police, so police records rely on it alone until it ends. */
    private String policeAgreementOfItsOwn() {
        String agreement = "isa-aaa-purge-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("ig1", "/api/agreements", """
                {"agreementId": "%s", "partner": "police", "categories": ["crime-asb", "domestic-abuse"],
                 "purposes": ["identification", "assessment", "case-coordination", "outcome-evidence", "claim"],
                 "gateways": ["cda-1998-s115"], "fields": ["givenName", "familyName", "dateOfBirth", "sex", "address",
                 "pncId", "facts", "involvement"], "retentionDays": 365, "validFrom": "2024-01-01", "validTo": "2027-12-31",
                 "specialCategoryCondition": "DPA 2018 Sch. 1 para 6 (statutory purposes)"}""".formatted(agreement))
                .status()).isEqualTo(201);
        assertThat(api.post("ig2", "/api/agreements/" + agreement + "/approve", "").status()).isEqualTo(200);
        return agreement;
    }

    @Test
    void aSubjectAccessReportByPersonIdListsTheirRecordsAndWhoReadThem() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        JsonNode kayleigh = family("data1", id, "assessment").get("members").findParents("givenName").stream()
                .filter(m -> m.get("givenName").asText().equals("Kayleigh")).findFirst().orElseThrow();
        String personId = kayleigh.get("personId").asText();

        Api.Response r = api.get("ig1", "/api/people/" + personId + "/access-report");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(texts(r.json().get("records"), "partner")).contains("police", "housing", "dwp");
        assertThat(texts(r.json().get("reads"), "who")).contains("data1");
        assertThat(texts(r.json().get("reads"), "purpose")).contains("assessment");
        assertThat(texts(r.json().get("decisions"), "partner")).as("what arrived about her, before she was linked")
                .contains("police", "dwp");
    }

    @Test
    void aMemberWhoMovesOutLeavesTheFamilyWithItsHistoryKeptButAParentStays() {
        Family f = new Family();
        f.pushAll();
        String id = f.familyId();
        // an adult lodger on the tenancy, then his own tenancy and joint tenancy elsewhere: the hub now places him there
        push("housing", HOUSING_HEADER + "T-" + f.run + "," + f.uprn + "," + f.street + ",,Coventry," + f.postcode + ",Connor,"
                + f.surname + ",1998-01-20,OTHER,0.00,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n");
        String connor = jdbc.queryForObject("select person_id from person_link where source_record_id = ?", String.class,
                "T-" + f.run + "|Connor|" + f.surname + "|1998-01-20");
        assertThat(jdbc.queryForList("select family_id from family_member where person_id = ?", String.class, connor))
                .containsExactly(id);
        String elsewhere = ",300000000001,4 Canal Basin,,Coventry,CV1 4LY,";
        push("housing", HOUSING_HEADER + "T2-" + f.run + elsewhere + "Connor," + f.surname
                + ",1998-01-20,TENANT,0.00,0,N,Jo Park,024 7671 2001,jo.park@housing.example\n"
                + "T3-" + f.run + elsewhere + "Connor," + f.surname
                + ",1998-01-20,JOINT_TENANT,0.00,0,N,Jo Park,024 7671 2001,jo.park@housing.example\n");
        // no identifier on a tenancy: the same name and birth date at another address waits for a person to confirm
        for (Long review : jdbc.queryForList("""
                select review_id from linkage_review where decision is null and (left_key like ? or right_key like ?)""",
                Long.class, "housing|T%-" + f.run + "|Connor|%", "housing|T%-" + f.run + "|Connor|%")) {
            assertThat(api.post("data1", "/api/linkage/reviews/" + review, "{\"decision\": \"MATCH\"}").status()).isEqualTo(200);
        }
        assertThat(jdbc.queryForList("select distinct person_id from person_link where source_record_id like ?", String.class,
                "T%-" + f.run + "|Connor|%")).containsExactly(connor);
        assertThat(family("data1", id, "identification").get("familyId").asText()).as("the family keeps its id").isEqualTo(id);
        assertThat(jdbc.queryForList("select kind from family_event where family_id = ? and person_id = ? order by event_id",
                String.class, id, connor)).as("his leaving is on the record").containsExactly("MEMBER_JOINED", "MEMBER_LEFT");
        String his = jdbc.queryForObject("select family_id from family_member where person_id = ?", String.class, connor);
        assertThat(his).isNotEqualTo(id);
        assertThat(jdbc.queryForList("select kind from family_event where family_id = ? order by event_id", String.class, his))
                .contains("CREATED");

        // Jayden's mother moves out the same way: named on his school return, she stays a member of his family
        push("housing", HOUSING_HEADER + "T4-" + f.run + elsewhere.replace("300000000001", "300000000002").replace("4 Canal", "6 Canal")
                + "Kayleigh," + f.surname + "," + f.kDob + ",TENANT,0.00,0,N,Jo Park,024 7671 2001,jo.park@housing.example\n"
                + "T5-" + f.run + elsewhere.replace("300000000001", "300000000002").replace("4 Canal", "6 Canal")
                + "Kayleigh," + f.surname + "," + f.kDob + ",JOINT_TENANT,0.00,0,N,Jo Park,024 7671 2001,jo.park@housing.example\n");
        String kayleigh = jdbc.queryForObject("select person_id from person_link where source_record_id = ?", String.class, "M-" + f.run);
        for (Long review : jdbc.queryForList("""
                select review_id from linkage_review where decision is null and (left_key like ? or right_key like ?)""",
                Long.class, "housing|T%-" + f.run + "|Kayleigh|%", "housing|T%-" + f.run + "|Kayleigh|%")) {
            assertThat(api.post("data1", "/api/linkage/reviews/" + review, "{\"decision\": \"MATCH\"}").status()).isEqualTo(200);
        }
        assertThat(jdbc.queryForList("select family_id || ':' || basis from family_member where person_id = ?", String.class, kayleigh))
                .containsExactly(id + ":STATED");
    }
}
