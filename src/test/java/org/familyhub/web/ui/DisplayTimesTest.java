package org.familyhub.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class DisplayTimesTest {

    private final DisplayTimes times = new DisplayTimes();

    @Test
    void timesAreWrittenInUkTimeWhateverTheirType() {
        assertThat(times.at(Instant.parse("2026-11-27T07:39:40.658281Z"))).isEqualTo("27 November 2026, 07:39");
        assertThat(times.at("2026-07-01T07:39:40Z")).as("British Summer Time").isEqualTo("1 July 2026, 08:39");
        assertThat(times.at(OffsetDateTime.parse("2026-11-27T09:39:40+02:00"))).isEqualTo("27 November 2026, 07:39");
        assertThat(times.at(Timestamp.from(Instant.parse("2026-11-27T07:39:40Z")))).isEqualTo("27 November 2026, 07:39");
        assertThat(times.at(null)).isNull();
        assertThat(times.at("not a time")).isEqualTo("not a time");
    }

    @Test
    void lagsAreWrittenInWords() {
        assertThat(times.ago(1)).isEqualTo("1 second");
        assertThat(times.ago(59)).isEqualTo("59 seconds");
        assertThat(times.ago(847)).isEqualTo("14 minutes");
        assertThat(times.ago(3 * 3600 + 5)).isEqualTo("3 hours");
        assertThat(times.ago(2 * 86400L)).isEqualTo("2 days");
        assertThat(times.ago(null)).isNull();
    }
}
