package org.familyhub.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LinkRetriesTest {

    private final LinkRetries retries = new LinkRetries();
    private final UUID batch = UUID.randomUUID();
    private final Instant t0 = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void aBatchThatKeepsFailingIsTriedLaterAndLaterUpToAnHour() {
        assertThat(retries.due(batch, t0)).as("never failed").isTrue();
        assertThat(retries.failed(batch, t0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retries.due(batch, t0.plusSeconds(9))).isFalse();
        assertThat(retries.due(batch, t0.plusSeconds(10))).isTrue();

        Instant t1 = t0.plusSeconds(10);
        assertThat(retries.failed(batch, t1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(retries.due(batch, t1.plusSeconds(19))).isFalse();
        assertThat(retries.failed(batch, t1.plusSeconds(20))).isEqualTo(Duration.ofSeconds(40));
        assertThat(retries.failures(batch)).isEqualTo(3);

        Instant t = t1;
        for (int i = 0; i < 30; i++) {
            t = t.plus(retries.failed(batch, t));
        }
        assertThat(retries.failed(batch, t)).as("never longer than an hour").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBatchLinkedOrNoLongerPendingStartsAgainFromTheFirstWait() {
        UUID other = UUID.randomUUID();
        retries.failed(batch, t0);
        retries.failed(batch, t0.plusSeconds(10));
        retries.failed(other, t0);
        retries.linked(batch);
        assertThat(retries.due(batch, t0)).isTrue();
        assertThat(retries.failed(batch, t0)).isEqualTo(Duration.ofSeconds(10));

        retries.onlyPending(List.of(batch)); // the other was linked by another replica
        assertThat(retries.failures(other)).isZero();
        assertThat(retries.due(other, t0)).isTrue();
    }
}
