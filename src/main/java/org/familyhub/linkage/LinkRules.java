package org.familyhub.linkage;

/**
 * Turns a comparison vector and its score into an outcome. Deterministic first (a shared strong identifier), then
 * the thresholds, then vetoes that send to review what the weights alone would link although the records contradict
 * each other: weights assume independent fields, and twins, a father and son of one name, or two namesakes born the
 * same day break exactly that assumption.
 */
final class LinkRules {

    private static final int GIVEN = Comparison.GIVEN.ordinal();
    private static final int FAMILY = Comparison.FAMILY.ordinal();
    private static final int DOB = Comparison.DOB.ordinal();
    private static final int SEX = Comparison.SEX.ordinal();
    private static final int POSTCODE = Comparison.POSTCODE.ordinal();
    private static final int ADDRESS = Comparison.ADDRESS.ordinal();
    private static final int WEAK_ID = Comparison.WEAK_ID.ordinal();
    private static final int STRONG_ID = Comparison.STRONG_ID.ordinal();

    private final LinkageConfig.Thresholds thresholds;
    private final MatchModel model;

    LinkRules(LinkageConfig.Thresholds thresholds, MatchModel model) {
        this.thresholds = thresholds;
        this.model = model;
    }

    Outcome classify(int[] v) {
        double score = model.score(v);
        if (v[STRONG_ID] == 0) {
            boolean contradicted = v[SEX] == 1 && v[DOB] == Comparison.DOB.different();
            return contradicted ? Outcome.REVIEW : Outcome.MATCH;
        }
        if (score < thresholds.lower() || bornAnotherDay(v)) {
            return Outcome.NON_MATCH;
        }
        if (vetoed(v)) {
            // a shared address makes household members look alike; without it, is this still maybe one person?
            return model.scoreWithoutPlace(v) < thresholds.lower() ? Outcome.NON_MATCH : review(v);
        }
        return score < thresholds.upper() ? review(v) : Outcome.MATCH;
    }

    private static Outcome review(int[] v) {
        return twoThingsAgainst(v) ? Outcome.NON_MATCH : Outcome.REVIEW;
    }

    /**
     * A pair that would be queued for a reviewer, but where two things speak against it being one person: a given or
     * a family name flatly different, a date of birth not the same day (a digit or a year off), places that contradict
     * ({@link #placeContradicts}), a conflicting identifier. One of these is a reviewer's question (a name not known
     * as a nickname, a move, a typo, a married name); two at once are two people who share the rest (a surname and a
     * birthday, a name in one town), and the reviewer has nothing to decide on. On a 300,000-record synthetic estate,
     * 162,000 of the 177,000 queued pairs had two or more, and 4 of those were one person; the queue hid the pairs
     * worth a look. Not when a personal (weak) identifier agrees: that is evidence for.
     */
    static boolean twoThingsAgainst(int[] v) {
        if (v[WEAK_ID] >= 0 && v[WEAK_ID] <= 1) {
            return false;
        }
        int against = 0;
        if (v[GIVEN] == Comparison.GIVEN.different()) {
            against++;
        }
        if (v[FAMILY] == Comparison.FAMILY.different()) {
            against++;
        }
        if (v[DOB] >= 2) {
            against++;
        }
        if (placeContradicts(v)) {
            against++;
        }
        if (v[STRONG_ID] == 1) {
            against++;
        }
        return against >= 2;
    }

    /**
     * A flat disagreement on date of birth (not a typo, a swap or a year off) with no identifier agreeing: a namesake,
     * or a father and son of one name, not a case for a reviewer. Such pairs were 137,539 of the 162,825 pairs queued
     * on a 100k-record estate, and none was one person; a clerical queue of them hides the pairs worth a look.
     */
    static boolean bornAnotherDay(int[] v) {
        boolean personal = v[WEAK_ID] >= 0 && v[WEAK_ID] <= 1;
        return v[DOB] == Comparison.DOB.different() && !personal;
    }

    /**
     * Evidence that forbids an automatic link without a shared strong identifier. A conflicting identifier always
     * does. A flat disagreement on given name or date of birth, places that do not agree, a brother and sister, or
     * names alone without a birth date, do unless a personal (weak) identifier agrees: the vetoes guard against agreement a household or a namesake explains, and a
     * personal number is not shared by siblings or namesakes.
     */
    static boolean vetoed(int[] v) {
        if (v[STRONG_ID] == 1) {
            return true;
        }
        boolean personal = v[WEAK_ID] >= 0 && v[WEAK_ID] <= 1;
        return !personal && (v[DOB] == Comparison.DOB.different()
                || v[GIVEN] == Comparison.GIVEN.different()
                || placeContradicts(v)
                || brotherAndSister(v)
                || namesAloneWithoutBirthDate(v));
    }

    /**
     * The sexes differ and the given names agree only in part (Ciara and Ciaran, Isha and Ishaan, Zain and Zainab): a
     * brother and sister, often twins, not one person recorded with the wrong sex, which keeps the name whole.
     */
    static boolean brotherAndSister(int[] v) {
        return v[SEX] == 1 && v[GIVEN] > 0;
    }

    /**
     * No date of birth to compare, and the names do not both agree exactly: a household shares its address, so the
     * place cannot tell a Freddie from his brother Frederick, or a Freddie Price from a Freddie Johnson at his
     * postcode.
     */
    static boolean namesAloneWithoutBirthDate(int[] v) {
        return v[DOB] < 0 && (v[GIVEN] != 0 || v[Comparison.FAMILY.ordinal()] != 0);
    }

    /** The levels with postcode, address and town unknown: what the rest of the record says on its own. */
    static int[] withoutPlace(int[] v) {
        int[] out = v.clone();
        out[POSTCODE] = -1;
        out[ADDRESS] = -1;
        out[Comparison.TOWN.ordinal()] = -1;
        return out;
    }

    /**
     * Both records say where the person lives and nothing agrees: neither the postcode nor the address line. Name and date of birth alone then do not link: they may be two people (the namesake rule).
     */
    static boolean placeContradicts(int[] v) {
        boolean comparable = v[POSTCODE] >= 0 || v[ADDRESS] >= 0;
        boolean corroborated = v[POSTCODE] == 0 || (v[ADDRESS] >= 0 && v[ADDRESS] <= 1);
        return comparable && !corroborated;
    }
}
