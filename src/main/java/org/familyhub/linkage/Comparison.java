package org.familyhub.linkage;

/**
 * The comparisons of a record pair, each with its agreement levels (0 = strongest agreement, last = disagreement).
 * A level of -1 means "cannot compare" (a value is missing) and carries no weight.
 */
public enum Comparison {
    GIVEN("exact", "nickname or prefix", "jaro-winkler >= 0.92", "jaro-winkler >= 0.80 or initial", "different"),
    FAMILY("exact", "one half of a double-barrelled name", "jaro-winkler >= 0.92", "jaro-winkler >= 0.80", "different"),
    DOB("exact", "day and month swapped", "one digit off", "year off by one", "different"),
    SEX("same", "different"),
    POSTCODE("exact", "same sector or one edit", "same outward code", "different"),
    ADDRESS("same line or UPRN", "same house number and street", "same street", "different"),
    TOWN("exact", "jaro-winkler >= 0.90", "different"),
    WEAK_ID("exact", "one edit", "different"),
    STRONG_ID("same identifier", "conflicting identifier of the same kind");

    private final String[] levels;

    Comparison(String... levels) {
        this.levels = levels;
    }

    public int levels() {
        return levels.length;
    }

    public String describe(int level) {
        return level < 0 ? "missing" : levels[level];
    }

    /** The last level: the values flatly disagree. */
    public int different() {
        return levels.length - 1;
    }
}
