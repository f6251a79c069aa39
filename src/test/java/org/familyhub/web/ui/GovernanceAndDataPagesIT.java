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
        b.find("form[action='/audit'] button").click();
        assertThat(summary(b)).singleElement().asString().startsWith("from must be an ISO date");
        b.page("audit-errors");
        b.type("#from", "");
        b.type("#person", "upn:" + family.upn);
        b.find("form[action='/audit'] button").click();
        assertThat(b.text("#events")).as("the school's record of the pupil was permitted").contains("school");
        assertThat(b.path()).as("the identifier stays out of the URL").isEqualTo("/audit");
        b.page("audit-results");
        b.find("#verify").click();
        assertThat(b.text("#verification")).contains("The chain is intact");
        b.page("audit-verified");

        b.open("/ig/access-report");
        b.type("#personId", family.upn);
        b.find("main form button").click();
        assertThat(summary(b)).containsExactly("Enter an identifier with its kind, like nhs:9434765919 or nino:QQ123456C");
        b.page("access-report-errors");
        b.type("#personId", "upn:" + family.upn);
        b.find("main form button").click();
        assertThat(b.text("main")).contains("Subject access report", "upn:" + family.upn, "school");
        b.page("access-report");
        b.signOut();

        b.signIn("auditor1");
        assertThat(b.findAll("#navigation .govuk-service-navigation__link").stream().map(WebElement::getText).toList())
                .containsExactly("Audit");
        b.open("/ig/gateways");
        assertThat(b.find("h1").getText()).isEqualTo("You do not have access to this page");
        b.signOut();

        b.signIn("data1");
        b.find("#navigation a[href='/data/families']").click();
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
