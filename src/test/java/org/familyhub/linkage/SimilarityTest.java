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
