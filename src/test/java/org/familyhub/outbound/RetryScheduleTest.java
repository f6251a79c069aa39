package org.familyhub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void backoffDoublesFromTheFirstAndStopsAtTheMaximum() {
        RetrySchedule s = new RetrySchedule(Duration.ofSeconds(30), Duration.ofMinutes(5), 10);
        assertThat(s.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.delayAfter(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(s.delayAfter(5)).isEqualTo(Duration.ofMinutes(5)); // 480 s capped
        assertThat(s.delayAfter(9)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aVeryLateAttemptDoesNotOverflow() {
        RetrySchedule s = new RetrySchedule(Duration.ofMillis(200), Duration.ofHours(1), Integer.MAX_VALUE);
        assertThat(s.delayAfter(1_000_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theLastAttemptMakesADeadLetter() {
        RetrySchedule s = new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(1), 3);
        assertThat(s.exhausted(1)).isFalse();
        assertThat(s.exhausted(2)).isFalse();
        assertThat(s.exhausted(3)).isTrue();
        assertThat(new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(1), 1).exhausted(1)).isTrue();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), 3).delayAfter(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
