package org.familyhub.linkage;

/** Two record keys in sorted order, so a pair has one key whichever way round it was met. */
public record PairKey(String first, String second) {

    public PairKey {
        if (first.compareTo(second) > 0) {
            String t = first;
            first = second;
            second = t;
        }
    }

    public static PairKey of(String a, String b) {
        return new PairKey(a, b);
    }

    @Override
    public String toString() {
        return first + " <-> " + second;
    }
}
