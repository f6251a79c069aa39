package org.familyhub.linkage;

/**
 * A pair for clerical review: its score (log2 posterior odds) and the agreement level of each comparison, in the
 * order of {@link Comparison}, so a reviewer sees why.
 */
public record ReviewPair(PairKey pair, double score, int[] levels) {

    public String explain() {
        StringBuilder sb = new StringBuilder(String.format("%s score %.2f:", pair, score));
        for (Comparison c : Comparison.values()) {
            int l = levels[c.ordinal()];
            if (l >= 0) {
                sb.append(' ').append(c.name().toLowerCase()).append('=').append(c.describe(l)).append(';');
            }
        }
        return sb.toString();
    }
}
