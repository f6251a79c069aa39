package org.familyhub.linkage;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scores a linkage against ground truth by pairs of records: a pair is predicted when both records got one person
 * id, and true when both belong to one true entity. Counted from cluster sizes, never by listing pairs.
 */
public final class LinkageEvaluation {

    private LinkageEvaluation() {
    }

    /** All pairs among the records in {@code truth} (record key → true entity). */
    public static PairMetrics allPairs(Map<String, String> predicted, Map<String, String> truth) {
        Map<String, Long> byPerson = new HashMap<>();
        Map<String, Long> byEntity = new HashMap<>();
        Map<String, Long> byBoth = new HashMap<>();
        for (Map.Entry<String, String> e : truth.entrySet()) {
            String p = predicted.get(e.getKey());
            if (p == null) {
                p = "unlinked:" + e.getKey();
            }
            byPerson.merge(p, 1L, Long::sum);
            byEntity.merge(e.getValue(), 1L, Long::sum);
            byBoth.merge(p + "\u0000" + e.getValue(), 1L, Long::sum);
        }
        return new PairMetrics(pairs(byBoth), pairs(byPerson), pairs(byEntity));
    }

    /** Only pairs with one record on each side (FEBRL: file a against file b). */
    public static PairMetrics crossPairs(Map<String, String> predicted, Map<String, String> truth, Predicate<String> isLeft) {
        Map<String, long[]> byPerson = new HashMap<>();
        Map<String, long[]> byEntity = new HashMap<>();
        Map<String, long[]> byBoth = new HashMap<>();
        for (Map.Entry<String, String> e : truth.entrySet()) {
            String p = predicted.get(e.getKey());
            if (p == null) {
                p = "unlinked:" + e.getKey();
            }
            int side = isLeft.test(e.getKey()) ? 0 : 1;
            byPerson.computeIfAbsent(p, k -> new long[2])[side]++;
            byEntity.computeIfAbsent(e.getValue(), k -> new long[2])[side]++;
            byBoth.computeIfAbsent(p + "\u0000" + e.getValue(), k -> new long[2])[side]++;
        }
        return new PairMetrics(cross(byBoth), cross(byPerson), cross(byEntity));
    }

    private static long pairs(Map<String, Long> sizes) {
        long sum = 0;
        for (long n : sizes.values()) {
            sum += n * (n - 1) / 2;
        }
        return sum;
    }

    private static long cross(Map<String, long[]> sizes) {
        long sum = 0;
        for (long[] n : sizes.values()) {
            sum += n[0] * n[1];
        }
        return sum;
    }
}
