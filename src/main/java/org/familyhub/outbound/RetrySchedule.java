package org.familyhub.outbound;

import java.time.Duration;

/**
 * When to try a message again after a transient failure: exponential backoff from {@code firstBackoff}, doubling
 * per attempt up to {@code maxBackoff}; after {@code attempts} failed attempts the message is a dead letter.
 */
public record RetrySchedule(Duration firstBackoff, Duration maxBackoff, int attempts) {

    public RetrySchedule {
        if (firstBackoff == null || firstBackoff.isNegative() || firstBackoff.isZero()) {
            throw new IllegalArgumentException("the first backoff must be positive");
        }
        if (maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("the maximum backoff must be at least the first backoff");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
    }

    /** True when a message that has failed {@code failedAttempts} times gets no further attempt. */
    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= attempts;
    }

    /** The wait after the {@code failedAttempts}-th failure (1-based): first, 2×first, 4×first, ... capped at max. */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts is 1-based");
        }
        Duration d = firstBackoff;
        for (int i = 1; i < failedAttempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2); // stops doubling once at the cap, so it cannot overflow
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
