package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeedFormatsTest {

    @Test
    void standardHasTheSixPartnerFormats() {
        FeedFormats formats = FeedFormats.standard();
        assertThat(formats.ids()).containsExactly("police-csv", "school-xml", "health-fhir-bundle", "probation-json",
                "housing-csv", "dwp-csv");
        assertThat(formats.get("school-xml")).isInstanceOf(SchoolXmlFormat.class);
        assertThat(formats.get("dwp-csv").id()).isEqualTo("dwp-csv");
    }

    @Test
    void unknownIdIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> FeedFormats.standard().get("police-xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown feed format 'police-xml'")
                .hasMessageContaining("police-csv");
    }

    @Test
    void twoFormatsWithOneIdAreRefused() {
        assertThatThrownBy(() -> new FeedFormats(List.of(new PoliceCsvFormat(), new PoliceCsvFormat())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFormatIsReusableForASecondPartner() throws Exception {
        String csv = String.join(",", PoliceCsvFormat.COLUMNS) + "\n"
                + "INC-5,2025-10-04T22:40:00+01:00,ASB,SUBJECT,Ava,Smith,2015-03-02,F,,,,,,,,,,\n";
        List<ParsedItem> items = FeedFormats.standard().get("police-csv").parse("police-west", csv, Feeds.RECEIVED);
        assertThat(items.get(0).record().partner()).isEqualTo("police-west");
    }
}
