package org.familyhub.audit;

/** The outcome of walking the chain; {@code firstBrokenEvent} is the id of the first event that does not fit, or null. */
public record Verification(boolean valid, long events, Long firstBrokenEvent) {
}
