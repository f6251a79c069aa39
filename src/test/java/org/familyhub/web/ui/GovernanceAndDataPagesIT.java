package org.familyhub.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.familyhub.support.Api;
import org.familyhub.support.Browser;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The other pages, as their users reach them: an IG officer's gateways, audit search (bad input, then verification)
 * and subject access report; an auditor who sees only the audit; the data team's families, linkage review and
 * outbound pages. Each page passes axe-core and is photographed.
 */
@HubIntegrationTest
class GovernanceAndDataPagesIT {

    private static Browser browser;

    @LocalServerPort
    int port;

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
    void igOfficerAuditorAndDataTeamPages() {
        Api api = new Api(port);
        UiFamily family = new UiFamily(api);
        browser = new Browser(port, "pages");
        Browser b = browser;

        b.signIn("ig1");
        b.open("/ig/gateways");
        assertThat(b.text("main")).contains("wra-2012-s131", "dea-2017-s35", "safeguarding");
        b.page("gateways");

        b.open("/audit");
        b.type("#from", "yesterday");
        b.submit("form[action='/audit'] button");
        assertThat(summary(b)).singleElement().asString().startsWith("from must be an ISO date");
        b.page("audit-errors");
        b.type("#from", "");
        b.type("#person", "upn:" + family.upn);
        b.submit("form[action='/audit'] button");
        assertThat(b.text("#events")).as("the school's record of the pupil was permitted").contains("school");
        assertThat(b.path()).as("the identifier stays out of the URL").isEqualTo("/audit");
        b.page("audit-results");
        b.submit("#verify");
        assertThat(b.text("#verification")).contains("The chain is intact");
        b.page("audit-verified");

        b.open("/ig/access-report");
        b.type("#personId", family.upn);
        b.submit("main form button");
        assertThat(summary(b)).containsExactly("Enter an identifier with its kind, like nhs:9434765919 or nino:QQ123456C");
        b.page("access-report-errors");
        b.type("#personId", "upn:" + family.upn);
        b.submit("main form button");
        assertThat(b.text("main")).contains("Subject access report", "upn:" + family.upn, "school");
        b.page("access-report");

        // the consent register: bad input, a consent recorded, found and withdrawn
        String surname = "Consentia" + family.run.replaceAll("[0-9-]", "x");
        b.submit("#navigation a[href='/ig/consents']");
        b.submit("a[href='/ig/consents/new']");
        b.type("#dateOfBirth", "2014-02-30");
        b.submit("main form button[type=submit]");
        assertThat(summary(b)).containsExactly("Enter the person's first name", "Enter the person's family name",
                "Date of birth must be a real date, like 2026-04-01", "Select the partners the consent covers",
                "Select the data categories the consent covers", "Select the purposes the consent covers",
                "Select who gave the consent", "Enter the given on date, like 2026-04-01",
                "Enter the evidence, like the reference of the signed form");
        b.page("consent-errors");
        b.type("#givenName", "Rosa");
        b.type("#familyName", surname);
        b.type("#dateOfBirth", "1990-05-06");
        b.find("input[name=partners][value=health]").click();
        b.find("input[name=categories][value=health-mental]").click();
        b.find("input[name=purposes][value=assessment]").click();
        b.find("#givenBy").click();
        b.type("#givenOn", "2026-10-01");
        b.type("#evidence", "FORM-" + family.run);
        b.submit("main form button[type=submit]");
        assertThat(b.text("#success")).contains("Consent recorded");
        b.type("#familyName", surname);
        b.submit("form[action='/ig/consents'] button");
        assertThat(b.text("#consents")).contains("Rosa " + surname, "FORM-" + family.run, "Active");
        b.page("consents");
        b.submit("#consents form[action$='/withdraw'] button");
        assertThat(b.text("#success")).contains("Consent withdrawn");
        b.page("consent-withdrawn");

        // the data-flow map comes from the agreements in force: an approved one that starts in 2031 is not on it yet
        String future = "future-" + family.run;
        assertThat(api.post("ig1", "/api/agreements", """
                {"agreementId": "%s", "partner": "housing", "categories": ["housing"], "purposes": ["assessment"],
                 "gateways": ["dea-2017-s35"], "fields": ["givenName"], "retentionDays": 30, "validFrom": "2031-01-01"}"""
                .formatted(future)).status()).isEqualTo(201);
        assertThat(api.post("ig2", "/api/agreements/" + future + "/approve", "").status()).isEqualTo(200);
        // DWP's data is for identification, read by the data team: DWP's data is for identification, read by the data team
        b.submit("#navigation a[href='/ig/data-flow']");
        assertThat(b.findAll("#data-flow svg")).hasSize(1);
        assertThat(b.findAll("#flows tbody tr").stream().map(WebElement::getText).toList())
                .anySatisfy(r -> assertThat(r).contains("dwp", "isa-dwp", "wra-2012-s131", "identification", "data-team"))
                .noneSatisfy(r -> assertThat(r).contains("dwp", "key-worker"))
                .noneSatisfy(r -> assertThat(r).contains(future));
        b.page("data-flow");
        b.signOut();

        b.signIn("auditor1");
        assertThat(b.findAll("#navigation .govuk-service-navigation__link").stream().map(WebElement::getText).toList())
                .containsExactly("Audit");
        b.open("/ig/gateways");
        assertThat(b.find("h1").getText()).isEqualTo("You do not have access to this page");
        b.signOut();

        b.signIn("data1");
        b.submit("#navigation a[href='/data/families']");
        assertThat(Integer.parseInt(b.text("#total"))).isPositive();
        b.page("families");
        b.open("/data/families?eligible=all&purpose=identification");
        assertThat(b.text("#total")).isNotEmpty();
        b.open("/data/linkage");
        assertThat(b.find("h1").getText()).isEqualTo("Linkage review");
        b.page("linkage");
        b.open("/data/outbound");
        assertThat(b.text("#systems")).contains("early-help");
        b.page("outbound");
        b.signOut();
    }
}
