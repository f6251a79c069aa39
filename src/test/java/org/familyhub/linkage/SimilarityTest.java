package org.familyhub.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimilarityTest {

    @Test
    void jaroWinklerGivesThePublishedValues() {
        // Winkler's examples, as every implementation quotes them
        assertEquals(0.961, Similarity.jaroWinkler("martha", "marhta"), 0.001);
        assertEquals(0.840, Similarity.jaroWinkler("dwayne", "duane"), 0.001);
        assertEquals(0.813, Similarity.jaroWinkler("dixon", "dicksonx"), 0.001);
        assertEquals(1.0, Similarity.jaroWinkler("ng", "ng"));
        assertEquals(0.0, Similarity.jaroWinkler("abc", "xyz"));
        assertEquals(0.0, Similarity.jaroWinkler("", "smith"));
    }

    @Test
    void theBitMaskFormAgreesWithTheArrayFormOnNameLikeStrings() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 20_000; n++) {
            String a = word(random, 1 + random.nextInt(64));
            String b = random.nextInt(3) == 0 ? typo(random, a) : word(random, 1 + random.nextInt(64));
            assertEquals(Similarity.jaroWinklerLong(a, b), Similarity.jaroWinkler(a, b), 1e-12, a + " / " + b);
        }
    }

    @Test
    void withinOneEditIsAnOptimalStringAlignmentDistanceOfAtMostOne() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 50_000; n++) {
            String a = word(random, random.nextInt(9));
            String b = switch (random.nextInt(4)) {
                case 0 -> word(random, random.nextInt(9));
                case 1 -> a.isEmpty() ? a : typo(random, a);
                case 2 -> a + (char) ('a' + random.nextInt(6));
                default -> swapped(random, a);
            };
            assertEquals(osa(a, b) <= 1, Similarity.withinOneEdit(a, b), a + " / " + b);
        }
    }

    private static String swapped(SplittableRandom random, String s) {
        if (s.length() < 2) {
            return s;
        }
        int i = random.nextInt(s.length() - 1);
        return s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
    }

    /** Edits (substitution, insertion, deletion, swap of neighbours) to turn a into b: the textbook table. */
    private static int osa(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String word(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(6))); // few letters: many matches and transpositions
        }
        return s.toString();
    }

    private static String typo(SplittableRandom random, String s) {
        int i = random.nextInt(s.length());
        return s.substring(0, i) + (char) ('a' + random.nextInt(6)) + s.substring(Math.min(s.length(), i + 1));
    }
}
