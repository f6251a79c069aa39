package org.familyhub.linkage;

/** String similarity primitives: Jaro-Winkler, one-edit distance, American Soundex. */
final class Similarity {

    private Similarity() {
    }

    static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        if (la > 64 || lb > 64) {
            return jaroWinklerLong(a, b);
        }
        // matched positions as bits: no arrays to allocate on the linker's hottest path (names are short)
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        long ma = 0;
        long mb = 0;
        int matches = 0;
        for (int i = 0; i < la; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(lb - 1, i + window);
            char c = a.charAt(i);
            for (int j = from; j <= to; j++) {
                if ((mb & (1L << j)) == 0 && c == b.charAt(j)) {
                    ma |= 1L << i;
                    mb |= 1L << j;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int t = 0;
        long rest = mb;
        for (int i = 0; i < la; i++) {
            if ((ma & (1L << i)) != 0) {
                int k = Long.numberOfTrailingZeros(rest);
                rest &= rest - 1;
                if (a.charAt(i) != b.charAt(k)) {
                    t++;
                }
            }
        }
        return winkler(a, b, matches, t);
    }

    /** The textbook form with arrays, for strings too long for the bit masks (and to check them against). */
    static double jaroWinklerLong(String a, String b) {
        int la = a.length();
        int lb = b.length();
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        boolean[] ma = new boolean[la];
        boolean[] mb = new boolean[lb];
        int matches = 0;
        for (int i = 0; i < la; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(lb - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!mb[j] && a.charAt(i) == b.charAt(j)) {
                    ma[i] = true;
                    mb[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int t = 0;
        int k = 0;
        for (int i = 0; i < la; i++) {
            if (ma[i]) {
                while (!mb[k]) {
                    k++;
                }
                if (a.charAt(i) != b.charAt(k)) {
                    t++;
                }
                k++;
            }
        }
        return winkler(a, b, matches, t);
    }

    private static double winkler(String a, String b, int matches, int t) {
        int la = a.length();
        int lb = b.length();
        double m = matches;
        double jaro = (m / la + m / lb + (m - t / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(la, lb)) && a.charAt(i) == b.charAt(i); i++) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /** True when one substitution, insertion, deletion or swap of neighbours turns a into b. */
    static boolean withinOneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        // the rest compared in place (no substrings): this runs for many candidate pairs
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true;
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2);
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : a.regionMatches(i, b, i + 1, la - i);
    }

    private static final String CODES = "01230120022455012623010202";

    static String soundex(String s) {
        StringBuilder out = new StringBuilder(4);
        char last = 0;
        for (int i = 0; i < s.length() && out.length() < 4; i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                continue;
            }
            char code = CODES.charAt(c - 'a');
            if (out.length() == 0) {
                out.append(Character.toUpperCase(c));
                last = code;
            } else if (code != '0' && code != last) {
                out.append(code);
                last = code;
            } else if (c != 'h' && c != 'w') {
                last = code;
            }
        }
        if (out.length() == 0) {
            return "";
        }
        while (out.length() < 4) {
            out.append('0');
        }
        return out.toString();
    }
}
