package org.familyhub.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.familyhub.claims.Claim;
import org.familyhub.claims.ClaimJob;
import org.familyhub.support.Api;
import org.familyhub.support.Browser;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.familyhub.synth.TestIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The data team's claims pages, in the browser: a family attached today (ASB eight months ago, domestic abuse seven,
 * a DWP match) is claimed seven months on; the data team finds its claim in that window, opens its evidence pack
 * (partner, record, date and basis of each record; the DWP item withheld), and a window that is not one is answered
 * with a GOV.UK error message. Each page passes axe-core, is photographed, and is read for the purpose {@code claim}
 * and audited as the API is.
 */
@HubIntegrationTest
class ClaimsPagesIT {

    private static final String HOUSING_HEADER = "tenancy_ref,uprn,address_line1,address_line2,town,postcode,given_name,"
            + "family_name,date_of_birth,relationship_to_tenant,rent_arrears_gbp,asb_complaints_12m,"
            + "notice_seeking_possession,housing_officer_name,housing_officer_phone,housing_officer_email\n";
    private static final String DWP_HEADER = "match_ref,nino,given_name,family_name,date_of_birth,postcode,benefit,claim_start,work_status\n";
    private static Browser browser;

    @Autowired
    ClaimJob job;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private final Random random = new Random();

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    private static List<String> summary(Browser b) {
        return b.findAll(".govuk-error-summary__list a").stream().map(WebElement::getText).toList();
    }

    @Test
    void theDataTeamFindsAWindowsClaimsAndReadsAnEvidencePack() {
        Api api = new Api(port);
        LocalDate today = LocalDate.now();
        LocalDate later = today.plusMonths(7);
        // a mother and son of their own (names, dates of birth and identifiers no other test uses)
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder name = new StringBuilder("Z");
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        String surname = name.toString();
        LocalDate motherBorn = LocalDate.of(1976 + random.nextInt(16), 1 + random.nextInt(12), 1 + random.nextInt(28));
        LocalDate sonBorn = LocalDate.of(2009 + random.nextInt(8), 1 + random.nextInt(12), 1 + random.nextInt(28));
        long n = Math.abs(random.nextLong() % 9_000_000L) + 1_000;
        String nino = TestIds.nino(n);
        String uprn = String.valueOf(400_000_000_000L + n);
        String postcode = "CV" + (1 + random.nextInt(6)) + " " + (1 + random.nextInt(9)) + "R"
                + "ABDEFGHJLNPQRSTUWXYZ".charAt(random.nextInt(20));
        String street = (1 + random.nextInt(200)) + " Far Gosford Street";
        String address = street + ",,Coventry," + postcode + "," + uprn + ",";
        String asb = "INC-" + run + "-1";
        push(api, "police", Feeds.POLICE_HEADER
                + asb + "," + today.minusMonths(8) + "T21:15:00+00:00,ASB,SUSPECT,Roxanne," + surname + "," + motherBorn + ",F,"
                + address + ",PC A Khan,Coventry North,024 7653 9000,a.khan@police.example\n"
                + "INC-" + run + "-2," + today.minusMonths(7) + "T23:40:00+00:00,DOMESTIC_ABUSE,VICTIM,Roxanne," + surname
                + "," + motherBorn + ",F," + address + ",PC B Lee,Coventry South,024 7653 9001,b.lee@police.example\n");
        push(api, "housing", HOUSING_HEADER
                + "T-" + run + "," + uprn + "," + street + ",,Coventry," + postcode + ",Roxanne," + surname + "," + motherBorn
                + ",TENANT,0,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n"
                + "T-" + run + "," + uprn + "," + street + ",,Coventry," + postcode + ",Kieran," + surname + "," + sonBorn
                + ",CHILD,0,0,N,Marcus Bell,024 7671 2000,marcus.bell@housing.example\n");
        push(api, "dwp", DWP_HEADER + "M-" + run + "," + nino + ",Roxanne," + surname + "," + motherBorn + "," + postcode
                + ",UC,2024-03-11,NOT_WORKING\n");
        Api.Response found = api.get("data1", "/api/families/search?nino=" + nino, "X-Purpose", "identification");
        assertThat(found.json().get("items")).as(found.body()).hasSize(1);
        String familyId = found.json().get("items").get(0).get("familyId").asText();
        job.run(later);
        String period = job.window().label(later);
        UUID claimId = Claim.id(familyId, "tf-2015", "sustained-progress");
        assertThat(jdbc.queryForObject("select count(*) from claim where claim_id = ?", Integer.class, claimId)).isEqualTo(1);

        browser = new Browser(port, "claims");
        Browser b = browser;
        b.signIn("data1");
        b.submit("#navigation a[href='/data/claims']");
        assertThat(b.find("h1").getText()).isEqualTo("Claims");
        assertThat(b.text("#periods")).contains(period);
        b.page("claims-start");

        // a window that is not one: the GOV.UK error summary and the field's own message
        b.type("#period", "Q4 of 2026");
        b.submit("main form button[type=submit]");
        assertThat(b.driver().getTitle()).startsWith("Error: Claims");
        assertThat(summary(b)).singleElement().asString().startsWith("Enter a claim window like ");
        assertThat(b.text("#period-error")).contains("Enter a claim window like");
        assertThat(b.find("#period").getAttribute("value")).isEqualTo("Q4 of 2026");
        assertThat(b.findAll("#claims")).isEmpty();
        b.page("claims-errors");
        b.find(".govuk-error-summary__list a").click();
        assertThat(b.driver().switchTo().activeElement().getAttribute("id")).as("the summary's link goes to the field").isEqualTo("period");

        // the window, typed in lower case as people do
        b.type("#period", period.toLowerCase());
        b.submit("main form button[type=submit]");
        assertThat(b.text("#window-heading")).isEqualTo("Claims in " + period);
        WebElement row = b.find("#claims tr[data-claim='" + claimId + "']");
        assertThat(row.getText()).contains(familyId, "sustained-progress", "tf-2015", "Waiting to be sent", "Not yet");
        assertThat(b.findAll("#claims tbody tr")).allSatisfy(r -> assertThat(r.getText()).doesNotContain(nino));
        b.page("claims-window");

        b.submit("#claims tr[data-claim='" + claimId + "'] a");
        assertThat(b.path()).isEqualTo("/data/claims/" + claimId);
        assertThat(b.find("h1").getText()).isEqualTo("Claim for family " + familyId);
        assertThat(b.text("#claim")).contains("sustained-progress", period, today.getYear() + "", "Waiting to be sent");
        List<WebElement> items = b.findAll(".fh-evidence");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).getText()).contains("crime-asb", "no record from", "police", asb + "|Roxanne|" + surname,
                today.minusMonths(8).toString(), "isa-police", "The problem at attachment");
        assertThat(items.get(1).getText()).contains("worklessness-financial-exclusion", "Details withheld");
        assertThat(items.get(1).findElements(org.openqa.selenium.By.cssSelector("table"))).isEmpty();
        assertThat(b.text("main")).doesNotContain(nino).doesNotContain("M-" + run).doesNotContain("NOT_WORKING");
        b.page("claim");

        b.open("/data/claims/" + UUID.randomUUID());
        assertThat(b.find("h1").getText()).isEqualTo("Page not found");
        b.signOut();

        // other roles have no claims section, and its pages are refused
        b.signIn("kw1");
        assertThat(b.findAll("#navigation a[href='/data/claims']")).isEmpty();
        b.open("/data/claims/" + claimId);
        assertThat(b.find("h1").getText()).isEqualTo("You do not have access to this page");
        b.signOut();

        // each page read the claims through the API's controller: purpose claim, audited with the family
        assertThat(jdbc.queryForList("""
                select purpose from audit_event where type = 'READ' and actor = 'data1' and details->>'call' = 'GET /api/claims'
                   and details->>'period' = ? and details->'families' @> jsonb_build_array(?::text)""", String.class, period, familyId))
                .isNotEmpty().allMatch("claim"::equals);
        assertThat(jdbc.queryForList("""
                select purpose from audit_event where type = 'READ' and actor = 'data1'
                   and details->>'call' = 'GET /api/claims/{claimId}' and details->>'claimId' = ?""", String.class, claimId.toString()))
                .containsExactly("claim");
    }

    private static void push(Api api, String partner, String body) {
        Api.Response r = api.post(partner + "-it", "/api/feeds/" + partner, body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode batch = api.get(partner + "-it", "/api/feeds/" + partner + "/batches/" + r.json().get("batchId").asText()).json();
        assertThat(batch.get("quarantined").asInt() + batch.get("refused").asInt()).as(batch.toString()).isZero();
    }
}
