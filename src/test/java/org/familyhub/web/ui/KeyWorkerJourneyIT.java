package org.familyhub.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.familyhub.support.Api;
import org.familyhub.support.Browser;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A key worker in a browser: finds a family allocated to them (stating a purpose), opens it, sees who else works
 * with it, and is refused a family not allocated to them until they give a justification (break-glass).
 */
@HubIntegrationTest
class KeyWorkerJourneyIT {

    private static Browser browser;

    @LocalServerPort
    int port;

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    private Browser browser() {
        if (browser == null) {
            browser = new Browser(port, "key-worker");
        }
        return browser;
    }

    @Test
    void keyWorkerFindsTheirFamilySeesWhoElseWorksWithItAndIsRefusedAnother() {
        Api api = new Api(port);
        UiFamily mine = new UiFamily(api);
        mine.allocateTo(api, "kw1");
        UiFamily other = new UiFamily(api);
        Browser b = browser();

        b.signIn("kw1");
        b.page("start");
        List<String> sections = b.findAll("#navigation .govuk-service-navigation__link").stream().map(WebElement::getText).toList();
        assertThat(sections).contains("Find a family", "My families").doesNotContain("Agreements", "Quarantine", "Linkage review");

        b.submit("a[href='/kw/search']");
        b.page("search");
        // bad input: no purpose, no one to look for, an impossible date → GOV.UK error summary and inline messages
        b.type("#dob-day", "31");
        b.type("#dob-month", "2");
        b.type("#dob-year", "2014");
        b.submit("form[action='/kw/search'] button[type=submit]");
        assertThat(b.driver().getTitle()).startsWith("Error: ");
        assertThat(b.findAll(".govuk-error-summary__list a").stream().map(WebElement::getText).toList())
                .containsExactly("Select why you need to see this family", "Date of birth must be a real date, for example 27 3 2014");
        assertThat(b.text("#purpose-error")).contains("Select why you need to see this family");
        b.page("search-errors");

        new Select(b.find("#purpose")).selectByValue("case-coordination");
        b.type("#dob-day", "");
        b.type("#dob-month", "");
        b.type("#dob-year", "");
        b.type("#familyName", mine.surname);
        b.submit("form[action='/kw/search'] button[type=submit]");
        assertThat(b.path()).as("search terms never go in the URL").isEqualTo("/kw/search");
        assertThat(b.text("#results")).contains(mine.familyId, "kw1");
        b.page("results");

        b.submit("#results a[href='/kw/families/" + mine.familyId + "']");
        assertThat(b.find("h1").getText()).isEqualTo("Family " + mine.familyId);
        assertThat(b.text("#purpose")).isEqualTo("case-coordination");
        assertThat(b.text("main")).contains("Shannon " + mine.surname, "Tyler " + mine.surname);
        assertThat(b.findAll("#break-glass")).isEmpty();
        String workers = b.text("#workers");
        assertThat(workers).contains("PC A Khan", "a.khan@police.example", "Mrs L Grant", "024 7668 1234", "Marcus Bell",
                "marcus.bell@housing.example");
        // every fact says where it comes from: the evidence of each criterion met and each professional, opened
        List<WebElement> evidence = b.findAll("#criteria .fh-evidence > li");
        assertThat(evidence).isNotEmpty().allSatisfy(li -> assertThat(li.findElements(By.cssSelector("details.fh-source"))).hasSize(1));
        WebElement asb = evidence.stream().filter(li -> li.getText().startsWith("police record of")).findFirst().orElseThrow();
        asb.findElement(By.cssSelector("summary")).click();
        assertThat(asb.findElement(By.cssSelector(".govuk-details__text")).getText())
                .contains("INC-" + mine.run + "-1", "Shared under", "isa-police", "Kept for", "case-coordination");
        WebElement khan = b.findAll("#workers tbody tr").stream().filter(r -> r.getText().contains("PC A Khan")).findFirst().orElseThrow();
        khan.findElement(By.cssSelector("summary")).click();
        assertThat(khan.findElement(By.cssSelector(".govuk-details__text")).getText())
                .contains("police INC-" + mine.run + "-1", "about Shannon " + mine.surname, "isa-police", "case-coordination");
        assertThat(b.findAll("#workers tbody tr").stream().filter(r -> r.getText().contains("Marcus Bell")))
                .as("one row per professional, however many records name them").hasSize(1);
        b.page("family");

        b.open("/kw/families/" + other.familyId);
        assertThat(b.find("h1").getText()).isEqualTo("This family is not allocated to you");
        assertThat(b.text("main")).doesNotContain(other.surname);
        b.page("refused");
        new Select(b.find("#purpose")).selectByValue("assessment");
        b.submit("main form button[type=submit]");
        assertThat(b.findAll(".govuk-error-summary__list a").stream().map(WebElement::getText).toList())
                .containsExactly("Explain why you need to see a family not allocated to you (at least 10 characters)");
        b.page("refused-errors");
        new Select(b.find("#purpose")).selectByValue("assessment");
        b.type("#justification", "Safeguarding referral received today from the school nurse");
        b.submit("main form button[type=submit]");
        assertThat(b.find("h1").getText()).isEqualTo("Family " + other.familyId);
        assertThat(b.text("#break-glass")).contains("Break-glass access");
        b.page("break-glass");
        b.signOut();
    }
}
