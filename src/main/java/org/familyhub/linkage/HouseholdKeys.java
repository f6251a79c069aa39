package org.familyhub.linkage;

import java.util.List;

/**
 * Keys that say two records are about the same home, or name the same person loosely enough to resolve a parent
 * that a school return names without a date of birth. Spelling of the street does not matter: a home is its
 * postcode and house number (flat numbers included), else its UPRN.
 */
public final class HouseholdKeys {

    private HouseholdKeys() {
    }

    /** {@code pc:CV11AA:12}, else {@code uprn:100070000001}, else null (too little to place a home). */
    public static String home(String line1, String postcode, String uprn) {
        String pc = Normalise.postcode(postcode);
        List<String> tokens = Normalise.addressTokens(line1);
        StringBuilder number = new StringBuilder();
        for (String t : tokens) {
            if (t.chars().anyMatch(Character::isDigit)) {
                number.append(number.isEmpty() ? "" : "/").append(t);
            }
        }
        if (!pc.isEmpty() && !number.isEmpty()) {
            return "pc:" + pc + ":" + number;
        }
        String u = Normalise.identifier(uprn);
        if (!u.isEmpty()) {
            return "uprn:" + u;
        }
        if (!pc.isEmpty() && !tokens.isEmpty()) {
            return "pc:" + pc + ":" + String.join(" ", tokens); // a named house: "Rose Cottage"
        }
        return null;
    }

    /** A postcode folded as home keys hold it ({@code CV11AA}), or null. */
    public static String postcode(String postcode) {
        String pc = Normalise.postcode(postcode);
        return pc.isEmpty() ? null : pc;
    }

    /** The postcode of a home key of the {@code pc:} form, or null. */
    public static String postcodeOfHome(String homeKey) {
        if (homeKey == null || !homeKey.startsWith("pc:")) {
            return null;
        }
        int end = homeKey.indexOf(':', 3);
        return end < 0 ? null : homeKey.substring(3, end);
    }

    /** First given name, folded: nicknames are resolved by {@link #givenForms}. */
    public static String given(String given) {
        List<String> t = Normalise.tokens(given);
        return t.isEmpty() ? null : t.get(0);
    }

    /** The family name folded and joined: "Smith-Jones" and "smith jones" both give "smithjones". */
    public static String family(String family) {
        String joined = String.join("", Normalise.tokens(family));
        return joined.isEmpty() ? null : joined;
    }

    /** The folded given names {@link #sameGiven} accepts for this one (itself and its nickname forms). */
    public static java.util.Set<String> givenForms(String given) {
        return Nicknames.standard().forms(given);
    }

    /** Two folded given names name the same person: equal, or one a nickname of the other. */
    public static boolean sameGiven(String a, String b) {
        return a != null && b != null && (a.equals(b) || Nicknames.standard().same(a, b));
    }
}
