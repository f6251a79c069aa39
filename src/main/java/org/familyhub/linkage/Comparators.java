package org.familyhub.linkage;

import java.util.List;
import java.util.regex.Pattern;

/** One agreement level per {@link Comparison} for a pair of records. */
final class Comparators {

    private static final Pattern UK_POSTCODE = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");

    private final Nicknames nicknames;

    Comparators(Nicknames nicknames) {
        this.nicknames = nicknames;
    }

    int[] compare(PreparedRecord a, PreparedRecord b) {
        int[] v = new int[Comparison.values().length];
        identifiersAndBirth(a, b, v);
        names(a, b, v);
        return v;
    }

    /**
     * {@link #compare}, except that a pair the rules can only call a non-match from its identifiers and dates of birth
     * ({@link LinkRules#bornAnotherDay}) is not compared further: its name and place levels are left unknown (-1).
     * Most candidate pairs at scale are namesakes or neighbours born on another day, and the string comparisons are
     * the costly part. For linking only: estimation needs every level of every pair.
     */
    int[] compareForLinking(PreparedRecord a, PreparedRecord b) {
        int[] v = new int[Comparison.values().length];
        identifiersAndBirth(a, b, v);
        if (v[Comparison.STRONG_ID.ordinal()] != 0 && LinkRules.bornAnotherDay(v)) {
            for (Comparison c : LATER) {
                v[c.ordinal()] = -1;
            }
            return v;
        }
        names(a, b, v);
        return v;
    }

    private static final List<Comparison> LATER = List.of(Comparison.GIVEN, Comparison.FAMILY, Comparison.SEX,
            Comparison.POSTCODE, Comparison.ADDRESS, Comparison.TOWN);

    private void identifiersAndBirth(PreparedRecord a, PreparedRecord b, int[] v) {
        v[Comparison.DOB.ordinal()] = dob(a.dobKey, b.dobKey);
        v[Comparison.WEAK_ID.ordinal()] = a.weakId.isEmpty() || b.weakId.isEmpty() ? -1
                : a.weakId.equals(b.weakId) ? 0 : Similarity.withinOneEdit(a.weakId, b.weakId) ? 1 : 2;
        v[Comparison.STRONG_ID.ordinal()] = strongIds(a, b);
    }

    private void names(PreparedRecord a, PreparedRecord b, int[] v) {
        int g = given(a.givenFirst, a.givenJoined, b.givenFirst, b.givenJoined);
        int f = family(a.familyParts, a.familyJoined, b.familyParts, b.familyJoined);
        // Given and family keyed into each other's boxes: take the reading that agrees better, if it agrees well
        // (nothing can agree better than both exact).
        if (Math.max(g, 0) + Math.max(f, 0) > 0) {
            int gSwap = given(a.givenFirst, a.givenJoined, first(b.familyParts), b.familyJoined);
            int fSwap = gSwap >= 0 && gSwap <= 2 ? family(a.familyParts, a.familyJoined, b.given, b.givenJoined) : -1;
            if (gSwap >= 0 && fSwap >= 0 && gSwap <= 2 && fSwap <= 2 && gSwap + fSwap < Math.max(g, 0) + Math.max(f, 0)) {
                g = gSwap;
                f = fSwap;
            }
        }
        v[Comparison.GIVEN.ordinal()] = g;
        v[Comparison.FAMILY.ordinal()] = f;
        v[Comparison.SEX.ordinal()] = a.source.sex() == null || b.source.sex() == null ? -1
                : a.source.sex().equals(b.source.sex()) ? 0 : 1;
        v[Comparison.POSTCODE.ordinal()] = postcode(a.postcode, a.ukPostcode, b.postcode, b.ukPostcode);
        v[Comparison.ADDRESS.ordinal()] = address(a, b);
        v[Comparison.TOWN.ordinal()] = town(a.town, b.town);
    }

    private static String first(List<String> parts) {
        return parts.isEmpty() ? "" : parts.get(0);
    }

    int given(String aFirst, String aJoined, String bFirst, String bJoined) {
        if (aFirst.isEmpty() || bFirst.isEmpty()) {
            return -1;
        }
        if (aFirst.equals(bFirst) || aJoined.equals(bJoined)) {
            return 0;
        }
        if (nicknames.same(aFirst, bFirst) || prefix(aFirst, bFirst, 3)) {
            return 1;
        }
        double jw = Similarity.jaroWinkler(aFirst, bFirst);
        if (!(aFirst.equals(aJoined) && bFirst.equals(bJoined))) { // one given name each (most): the same pair again
            jw = Math.max(jw, Similarity.jaroWinkler(aJoined, bJoined));
        }
        if (jw >= 0.92) {
            return 2;
        }
        boolean initial = (aFirst.length() == 1 || bFirst.length() == 1) && aFirst.charAt(0) == bFirst.charAt(0);
        return jw >= 0.80 || initial ? 3 : 4;
    }

    private static boolean prefix(String a, String b, int min) {
        String s = a.length() <= b.length() ? a : b;
        String l = s == a ? b : a;
        return s.length() >= min && l.startsWith(s);
    }

    /** Double-barrelled names match on the joined form, on either half, or with the hyphen written as a space. */
    static int family(List<String> aParts, String aJoined, List<String> bParts, String bJoined) {
        if (aJoined.isEmpty() || bJoined.isEmpty()) {
            return -1;
        }
        if (aJoined.equals(bJoined)) {
            return 0;
        }
        if (aParts.size() > 1 || bParts.size() > 1) {
            for (String p : aParts) {
                if (p.length() >= 2 && (bParts.contains(p) || p.equals(bJoined))) {
                    return 1;
                }
            }
        }
        double jw = Similarity.jaroWinkler(aJoined, bJoined);
        if (aParts.size() > 1 || bParts.size() > 1) { // one part each: the parts are the joined names, compared above
            for (String p : aParts) {
                for (String q : bParts) {
                    jw = Math.max(jw, Similarity.jaroWinkler(p, q) - 0.02);
                }
            }
        }
        return jw >= 0.92 ? 2 : jw >= 0.80 ? 3 : 4;
    }

    /**
     * A yyyyMMdd date packed one decimal digit to four bits (0x19840307 for 1984-03-07), as {@link #dob} compares
     * dates: digit by digit with a few bit operations, no division. 0 stands for unknown.
     */
    static int packedDate(int yyyyMMdd) {
        int packed = 0;
        for (int shift = 0; shift < 32; shift += 4, yyyyMMdd /= 10) {
            packed |= (yyyyMMdd % 10) << shift;
        }
        return packed;
    }

    /**
     * Dates of birth as {@link #packedDate packed}. This runs for every candidate pair (and, from an array, for pairs
     * whose records are never read), so it works on the digits in place.
     */
    static int dob(int a, int b) {
        if (a == 0 || b == 0) {
            return -1;
        }
        if (a == b) {
            return 0;
        }
        if (a >>> 16 == b >>> 16 && (a >>> 8 & 0xFF) == (b & 0xFF) && (a & 0xFF) == (b >>> 8 & 0xFF)) {
            return 1; // day and month swapped
        }
        // one digit wrong, or two neighbouring digits swapped (the typos of a keyed date)
        int d = a ^ b;
        int wrong = (d | d >>> 1 | d >>> 2 | d >>> 3) & 0x11111111; // bit 4k set: digit k differs
        int count = Integer.bitCount(wrong);
        if (count == 1) {
            return 2;
        }
        if (count == 2) {
            int low = Integer.numberOfTrailingZeros(wrong);
            int high = 31 - Integer.numberOfLeadingZeros(wrong);
            if (high - low == 4 && (a >>> low & 0xF) == (b >>> high & 0xF) && (a >>> high & 0xF) == (b >>> low & 0xF)) {
                return 2;
            }
        }
        return (a & 0xFFFF) == (b & 0xFFFF) && Math.abs(year(a) - year(b)) == 1 ? 3 : 4;
    }

    private static int year(int packed) {
        return (packed >>> 28) * 1000 + (packed >>> 24 & 0xF) * 100 + (packed >>> 20 & 0xF) * 10 + (packed >>> 16 & 0xF);
    }

    /** UK postcodes by sector and outward code; other postcodes (FEBRL's Australian ones) exact or one edit. */
    static int postcode(String a, String b) {
        return postcode(a, ukPostcode(a), b, ukPostcode(b));
    }

    static boolean ukPostcode(String normalised) {
        return UK_POSTCODE.matcher(normalised).matches();
    }

    /** {@link #postcode(String, String)} with each side's shape known (a record's is worked out once, not per pair). */
    private static int postcode(String a, boolean aUk, String b, boolean bUk) {
        if (a.isEmpty() || b.isEmpty()) {
            return -1;
        }
        if (a.equals(b)) {
            return 0;
        }
        if (aUk && bUk) {
            String outA = a.substring(0, a.length() - 3);
            String outB = b.substring(0, b.length() - 3);
            if (!outA.equals(outB)) {
                return 3;
            }
            return a.charAt(a.length() - 3) == b.charAt(b.length() - 3) ? 1 : 2;
        }
        return Similarity.withinOneEdit(a, b) ? 1 : 3;
    }

    static int address(PreparedRecord a, PreparedRecord b) {
        if (!a.uprn.isEmpty() && a.uprn.equals(b.uprn)) {
            return 0;
        }
        if (a.line.isEmpty() || b.line.isEmpty()) {
            return -1;
        }
        if (a.line.equals(b.line)) {
            return !a.uprn.isEmpty() && !b.uprn.isEmpty() ? 1 : 0;
        }
        double overlap = streetOverlap(a.street, b.street);
        boolean sameNumber = !a.houseNumber.isEmpty() && a.houseNumber.equals(b.houseNumber);
        if (sameNumber && overlap >= 0.5) {
            return 1;
        }
        return overlap >= 0.5 ? 2 : 3;
    }

    /** Share of the shorter street's words that have a near-equal word in the other (typos allowed). */
    private static double streetOverlap(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        List<String> small = a.size() <= b.size() ? a : b;
        List<String> large = small == a ? b : a;
        int hits = 0;
        for (String s : small) {
            for (String l : large) {
                if (s.equals(l) || Similarity.jaroWinkler(s, l) >= 0.9) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / small.size();
    }

    static int town(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return -1;
        }
        return a.equals(b) ? 0 : Similarity.jaroWinkler(a, b) >= 0.9 ? 1 : 2;
    }

    /** 0 when any identifier of one kind agrees; 1 when some kind is on both and none agrees; -1 when none to compare. */
    static int strongIds(PreparedRecord a, PreparedRecord b) {
        int both = a.idKinds & b.idKinds;
        if (both == 0) {
            return -1;
        }
        for (int k = 0; both != 0; k++, both >>>= 1) {
            if ((both & 1) != 0 && a.ids[k].equals(b.ids[k])) {
                return 0;
            }
        }
        return 1;
    }
}
