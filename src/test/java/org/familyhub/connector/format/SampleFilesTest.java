package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.familyhub.validation.RecordValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The partner samples are fixtures for later WireMock and end-to-end tests: every row must parse and validate. */
class SampleFilesTest {

    @ParameterizedTest
    @CsvSource({
            "police, incidents.csv, police-csv, 5",
            "school, attendance.xml, school-xml, 4",
            "health, episodes.json, health-fhir-bundle, 3",
            "probation, cases.json, probation-json, 3",
            "housing, tenancies.csv, housing-csv, 6",
            "dwp, matches.csv, dwp-csv, 3"})
    void everySampleRecordParsesAndValidates(String partner, String file, String format, int records) throws Exception {
        Path sample = Feeds.sample(partner, file);
        List<ParsedItem> items = Feeds.parse(FeedFormats.standard().get(format), partner, sample);
        assertThat(items).hasSize(records);
        RecordValidator validator = new RecordValidator();
        for (ParsedItem item : items) {
            assertThat(item.problem()).as(item.location()).isNull();
            assertThat(validator.validate(item.record())).as(item.location()).isEmpty();
            assertThat(item.record().partner()).isEqualTo(partner);
            assertThat(item.record().subject().address().postcode()).as(item.location()).startsWith("CV");
        }
    }
}
