package org.familyhub.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import org.familyhub.support.Api;
import org.familyhub.support.Feeds;
import org.familyhub.synth.TestIds;

/**
 * A family of its own for a browser journey, built through the feeds (police, school, housing) as FamilyViewIT does:
 * mother and son at one address, with the professionals each partner names. Its surname and identifiers are unique.
 */
final class UiFamily {

    private static final Random RANDOM = new Random();
    private static final String HOUSING_HEADER = "tenancy_ref,uprn,address_line1,address_line2,town,postcode,given_name,"
            + "family_name,date_of_birth,relationship_to_tenant,rent_arrears_gbp,asb_complaints_12m,"
            + "notice_seeking_possession,housing_officer_name,housing_officer_phone,housing_officer_email\n";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String surname;
    final String upn;
    final String familyId;

    UiFamily(Api api) {
        // people unlike any other test's (FamilyViewIT's Kayleigh and Jayden): their own names and dates of birth, so
        // the linker never joins them to another test's family in the shared database
        StringBuilder s = new StringBuilder("Q");
        for (int i = 0; i < 9; i++) {
            s.append((char) ('a' + RANDOM.nextInt(26)));
        }
        surname = s.toString();
        String motherDob = LocalDate.of(1970 + RANDOM.nextInt(20), 1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28)).toString();
        String childDob = LocalDate.of(2010 + RANDOM.nextInt(8), 1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28)).toString();
        long n = Math.abs(RANDOM.nextLong() % 9_000_000L) + 1_000;
        upn = TestIds.upn(n);
        String uprn = String.valueOf(200_000_000_000L + n);
        String postcode = "CV" + (1 + RANDOM.nextInt(6)) + " " + (1 + RANDOM.nextInt(9)) + "Q" + "ABDEFGHJLNPQRSTUWXYZ".charAt(RANDOM.nextInt(20));
        String street = (1 + RANDOM.nextInt(200)) + " Gosford Street";
        push(api, "police", Feeds.POLICE_HEADER
                + "INC-" + run + "-1,2026-10-01T21:15:00+01:00,ASB,SUSPECT,Shannon," + surname + "," + motherDob + ",F,"
                + street + ",,Coventry," + postcode + "," + uprn + ",,PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n");
        push(api, "school", """
                <?xml version="1.0" encoding="UTF-8"?>
                <AttendanceReturn schoolUrn="137421" schoolName="Foleshill Park Academy" academicYear="2026/27" term="AUTUMN">
                  <Pupil>
                    <UPN>%s</UPN>
                    <Forename>Tyler</Forename><Surname>%s</Surname><DOB>%s</DOB><Sex>M</Sex>
                    <Address><Line1>%s</Line1><Line2/><Town>Coventry</Town><Postcode>%s</Postcode><UPRN>%s</UPRN></Address>
                    <SessionsPossible>140</SessionsPossible>
                    <SessionsAuthorisedAbsence>8</SessionsAuthorisedAbsence>
                    <SessionsUnauthorisedAbsence>19</SessionsUnauthorisedAbsence>
                    <Contact role="Attendance officer" name="Mrs L Grant" phone="024 7668 1234" email="l.grant@foleshillpark.example"/>
                    <Parent relationship="MOTHER"><Forename>Shannon</Forename><Surname>%s</Surname></Parent>
                  </Pupil>
                </AttendanceReturn>
                """.formatted(upn, surname, childDob, street, postcode, uprn, surname));
        push(api, "housing", HOUSING_HEADER
                + "T-" + run + "," + uprn + "," + street + ",,Coventry," + postcode + ",Shannon," + surname
                + "," + motherDob + ",TENANT,412.50,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n"
                + "T-" + run + "," + uprn + "," + street + ",,Coventry," + postcode + ",Tyler," + surname
                + "," + childDob + ",CHILD,412.50,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n");
        Api.Response r = api.get("data1", "/api/families/search?upn=" + upn, "X-Purpose", "identification");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode items = r.json().get("items");
        assertThat(items).as("one family holds the pupil %s", upn).hasSize(1);
        familyId = items.get(0).get("familyId").asText();
    }

    void allocateTo(Api api, String keyWorker) {
        Api.Response r = api.post("data1", "/api/families/" + familyId + "/allocation", "{\"keyWorker\": \"" + keyWorker + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static void push(Api api, String partner, String body) {
        Api.Response r = api.post(partner + "-it", "/api/feeds/" + partner, body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode batch = api.get(partner + "-it", "/api/feeds/" + partner + "/batches/" + r.json().get("batchId").asText()).json();
        assertThat(batch.get("quarantined").asInt()).as(batch.toString()).isZero();
    }
}
