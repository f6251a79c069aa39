package org.familyhub.family;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to try again to link a kept batch whose linking failed: after {@link #FIRST} the first time, twice the last
 * wait each time after, never more than {@link #LAST}. A batch that fails every time (a record that breaks linking
 * until the code or the data is fixed) then costs a try an hour, not one every check, each holding the linking lock.
 */
final class LinkRetries {

    static final Duration FIRST = Duration.ofSeconds(10);
    static final Duration LAST = Duration.ofHours(1);

    private record Retry(int failures, Instant notBefore) {
    }

    private final Map<UUID, Retry> retries = new ConcurrentHashMap<>();

    /** Whether the batch may be tried now: never failed here, or its wait is over. */
    boolean due(UUID batch, Instant now) {
        Retry r = retries.get(batch);
        return r == null || !now.isBefore(r.notBefore());
    }

    /** The batch failed (again) at {@code now}; returns how long until it is due. */
    Duration failed(UUID batch, Instant now) {
        Retry before = retries.get(batch);
        int failures = before == null ? 1 : before.failures() + 1;
        Duration wait = FIRST.multipliedBy(1L << Math.min(failures - 1, 20));
        if (wait.compareTo(LAST) > 0) {
            wait = LAST;
        }
        retries.put(batch, new Retry(failures, now.plus(wait)));
        return wait;
    }

    /** How many times the batch has failed here in a row. */
    int failures(UUID batch) {
        Retry r = retries.get(batch);
        return r == null ? 0 : r.failures();
    }

    /** Forgets the batches no longer pending (linked, here or by another replica). */
    void onlyPending(Collection<UUID> pending) {
        retries.keySet().retainAll(pending);
    }

    void linked(UUID batch) {
        retries.remove(batch);
    }
}
