package org.familyhub.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.familyhub.support.Browser;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Partner IT in a browser: their connector, an upload of a CSV with one bad row (with the progress-bar script on),
 * the batch's counts, and the bad row in the quarantine with its position, reason and raw text.
 */
@HubIntegrationTest
class PartnerItJourneyIT {

    private static Browser browser;

    @LocalServerPort
    int port;

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void policeItUploadsAFileWithOneBadRowAndFindsItInQuarantine() throws Exception {
        browser = new Browser(port, "partner-it");
        Browser b = browser;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path csv = Files.createTempFile("police-" + run, ".csv");
        Files.writeString(csv, Feeds.POLICE_HEADER
                + "UI-" + run + "-1,2026-10-01T21:15:00+01:00,ASB,SUSPECT,Quinella,Uiupload,1961-07-19,F,1 High St,,Coventry,CV1 1AA,,,PC A Reid,Coventry North,024 7653 9018,a.reid@police.example\n"
                + "UI-" + run + "-2,2026-10-05T10:00:00+01:00,ASB,SUSPECT,Ben,Uiupload,2014-13-01,M,2 High St,,Coventry,CV1 1AA,,,PC A Reid,Coventry North,024 7653 9018,a.reid@police.example\n"
                + "UI-" + run + "-3,2026-10-06T11:00:00+01:00,CRIME,SUSPECT,Cal,Uiupload,2001-01-01,M,3 High St,,Coventry,CV1 1AA,,,PC A Reid,Coventry North,024 7653 9018,a.reid@police.example\n");

        b.signIn("police-it");
        b.page("start");
        List<String> sections = b.findAll("#navigation .govuk-service-navigation__link").stream().map(WebElement::getText).toList();
        assertThat(sections).containsExactly("Connector", "Upload a file", "Quarantine");

        b.submit("a[href='/partner']");
        assertThat(b.text("#connector")).contains("State", "Last run", "Lag", "Last error");
        b.page("connector");

        b.open("/partner/upload");
        b.submit("main form button[type=submit]"); // no file: the script lets the browser post it
        assertThat(b.findAll(".govuk-error-summary__list a").stream().map(WebElement::getText).toList())
                .containsExactly("Select a file to upload");
        assertThat(b.text("#file-error")).contains("Select a file to upload");
        b.page("upload-errors");

        b.find("#file").sendKeys(csv.toAbsolutePath().toString());
        b.find("main form button[type=submit]").click();
        b.waitForPath("/partner/batches/");
        assertThat(b.text("#received")).isEqualTo("3");
        assertThat(b.text("#accepted")).isEqualTo("2");
        assertThat(b.text("#quarantined")).isEqualTo("1");
        assertThat(b.text("#linked")).as("answered once linked (the default)").isEqualTo("Yes");
        String inBatch = b.text("#quarantine");
        assertThat(inBatch).contains("UI-" + run + "-2", "2014-13-01").doesNotContain("UI-" + run + "-1,");
        b.page("batch");

        b.submit("a[href='/partner/quarantine']");
        WebElement row = b.findAll("#quarantine tbody tr").stream()
                .filter(r -> r.getText().contains("UI-" + run + "-2")).findFirst().orElseThrow();
        assertThat(row.getText()).as("position, reason and raw record").containsIgnoringCase("line 3").containsIgnoringCase("date");
        b.page("quarantine");

        // the bad row fixed at source, the whole file sent again from the quarantine page: only the fixed row is new
        Files.writeString(csv, Files.readString(csv).replace("2014-13-01", "2014-12-01"));
        b.find("#resend-file").sendKeys(csv.toAbsolutePath().toString());
        String before = b.path();
        b.find("#resend button[type=submit]").click();
        b.waitForPath("/partner/batches/");
        assertThat(b.path()).isNotEqualTo(before);
        assertThat(b.text("#received")).isEqualTo("3");
        assertThat(b.text("#accepted")).isEqualTo("1");
        assertThat(b.text("#quarantined")).isEqualTo("0");
        assertThat(b.text("#duplicate")).as("the rows accepted before").isEqualTo("2");
        assertThat(b.findAll("#resend")).as("nothing left to correct").isEmpty();
        b.page("corrected-batch");

        // a file the hub cannot read at all fails as a whole, and is listed with its reason among the rejects
        Path broken = Files.createTempFile("police-broken-" + run, ".csv");
        Files.writeString(broken, Feeds.POLICE_HEADER + "UI-" + run + "-9,2026-10-01T21:15:00+01:00,ASB,\u0000\n");
        b.open("/partner/upload");
        b.find("#file").sendKeys(broken.toAbsolutePath().toString());
        b.find("main form button[type=submit]").click(); // sent by the script, its error shown in place
        assertThat(b.waitFor(".govuk-error-summary__list").getText()).startsWith("The hub could not read the file");
        assertThat(b.text("#file-error")).contains("NUL");
        b.page("upload-unreadable");
        b.submit("#navigation a[href='/partner/quarantine']");
        List<WebElement> failedRows = b.findAll("#failed tbody tr").stream()
                .filter(r -> r.getText().contains(broken.getFileName().toString())).toList();
        assertThat(failedRows).as("the file was sent once, not again to show the error").hasSize(1);
        WebElement failed = failedRows.get(0);
        assertThat(failed.getText()).containsIgnoringCase("NUL");
        b.page("failed-files");
        failed.findElement(org.openqa.selenium.By.cssSelector("a")).click();
        b.waitForPath("/partner/batches/");
        assertThat(b.find("h1").getText()).isEqualTo("Batch failed");
        assertThat(b.findAll("#resend")).as("a failed file can be corrected and sent again from its page").hasSize(1);
        b.page("failed-batch");
        Files.deleteIfExists(broken);

        b.open("/ig/agreements");
        assertThat(b.find("h1").getText()).isEqualTo("You do not have access to this page");
        b.page("forbidden");
        b.signOut();
        Files.deleteIfExists(csv);
    }
}
