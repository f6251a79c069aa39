package org.familyhub.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pages name govuk-frontend's version in two places (the layout's model, the module script): both must exist. */
class GovukFrontendTest {

    @Test
    void theWebjarOfTheVersionThePagesNameIsOnTheClasspath() throws IOException {
        ClassLoader cl = getClass().getClassLoader();
        for (String file : new String[] {"govuk-frontend.min.css", "govuk-frontend.min.js", "assets/fonts/bold-b542beb274-v2.woff2"}) {
            assertThat(cl.getResource(UiConfiguration.GOVUK_DIST + file)).as(file).isNotNull();
        }
        try (InputStream js = cl.getResourceAsStream("static/js/familyhub.js")) {
            assertThat(new String(js.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("/webjars/govuk-frontend/" + UiConfiguration.GOVUK_FRONTEND_VERSION + "/dist/govuk/govuk-frontend.min.js");
        }
    }

    @Test
    void theStylesheetAsksForItsFontsUnderAssets() throws IOException {
        try (InputStream css = getClass().getClassLoader().getResourceAsStream(UiConfiguration.GOVUK_DIST + "govuk-frontend.min.css")) {
            assertThat(new String(css.readAllBytes(), StandardCharsets.UTF_8)).contains("/assets/fonts/");
        }
    }
}
