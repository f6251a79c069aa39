package org.familyhub.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.familyhub.support.Browser;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * IG officers in a browser: ig1 drafts an agreement (bad input first: GOV.UK error summary and inline errors, and a
 * gateway the partner may not rely on), previews it on the partner's sample file, cannot approve their own draft;
 * ig2 approves it. The agreement starts in 2031, so it changes nothing for the other tests sharing the database.
 */
@HubIntegrationTest
class IgOfficerJourneyIT {

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
    void ig1DraftsAndPreviewsAnAgreementAndIg2ApprovesIt() {
        browser = new Browser(port, "ig-officer");
        Browser b = browser;
        String id = "ui-" + UUID.randomUUID().toString().substring(0, 8);

        b.signIn("ig1");
        b.page("start");
        assertThat(b.findAll("#navigation .govuk-service-navigation__link").stream().map(WebElement::getText).toList())
                .contains("Agreements", "Legal gateways", "Consent register", "Audit").doesNotContain("Find a family", "Quarantine");
        b.submit("#navigation a[href='/ig/agreements']");
        assertThat(b.text("#agreements")).contains("isa-police", "isa-housing");
        b.page("agreements");

        b.submit("a[href='/ig/agreements/new']");
        b.page("draft");
        b.type("#agreementId", "Not An Id");
        b.type("#validFrom", "2031-02-30");
        b.submit("main form button[type=submit]");
        assertThat(b.driver().getTitle()).startsWith("Error: ");
        assertThat(summary(b)).containsExactly(
                "Agreement id must be 3 to 63 lower-case letters, digits and dashes",
                "Select the partner that shares the data",
                "Select at least one data category",
                "Select at least one purpose",
                "Select at least one legal gateway",
                "Enter the fields that may be kept, separated by commas",
                "Enter how many days the data may be kept",
                "Valid from must be a real date, like 2026-04-01");
        assertThat(b.text("#validFrom-error")).contains("Valid from must be a real date");
        assertThat(b.find("#validFrom").getAttribute("value")).as("what was typed is kept").isEqualTo("2031-02-30");
        b.page("draft-errors");
        // the summary links to the field
        b.find(".govuk-error-summary__list a[href='#partner']").click();
        assertThat(b.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("partner");

        b.type("#agreementId", id);
        new Select(b.find("#partner")).selectByValue("housing");
        b.find("input[name=categories][value=housing]").click();
        b.find("input[name=purposes][value=assessment]").click();
        b.find("input[name=gateways][value=wra-2012-s131]").click(); // DWP's statute: not for housing
        b.type("#fields", "givenName, familyName, dateOfBirth, address, facts");
        b.type("#retentionDays", "730");
        b.type("#validFrom", "2031-01-01");
        b.submit("main form button[type=submit]");
        assertThat(summary(b)).containsExactly("gateway wra-2012-s131 cannot be relied on by housing");
        b.page("draft-gateway-error");
        b.find("input[name=gateways][value=wra-2012-s131]").click();
        b.find("input[name=gateways][value=dea-2017-s35]").click();
        b.submit("main form button[type=submit]");

        assertThat(b.path()).isEqualTo("/ig/agreements/" + id);
        assertThat(b.text("#success")).contains("Draft saved");
        assertThat(b.text("#status")).isEqualTo("DRAFT");
        b.page("agreement-draft");

        b.find("#sample").sendKeys(Path.of("connectors/partners/housing/samples/tenancies.csv").toAbsolutePath().toString());
        b.submit("form[action$='/preview'] button");
        assertThat(b.text("#preview-heading")).contains("tenancies.csv");
        assertThat(b.findAll("#preview tbody tr")).isNotEmpty();
        b.page("preview");

        b.submit("#approve");
        assertThat(summary(b)).singleElement().asString().contains("ig1 wrote this draft, so another IG officer must approve it");
        assertThat(b.text("#status")).isEqualTo("DRAFT");
        b.page("approve-own-error");
        b.signOut();

        b.signIn("ig2");
        b.open("/ig/agreements/" + id);
        b.submit("#approve");
        assertThat(b.text("#success")).contains("approved");
        assertThat(b.text("#status")).isEqualTo("ACTIVE");
        assertThat(b.text("#versions")).contains("ig1", "ig2");
        b.page("approved");
        b.signOut();
    }
}
