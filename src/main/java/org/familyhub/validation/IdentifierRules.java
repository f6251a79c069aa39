package org.familyhub.validation;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identifier checks of DESIGN §3. Each {@code check…} method returns null when the value is valid,
 * otherwise a reason in words a partner's IT team can act on. Never guesses or repairs a value.
 */
public final class IdentifierRules {

    private IdentifierRules() {
    }

    // ---- NHS number: 10 digits, modulus 11 check digit ----

    public static String checkNhsNumber(String value) {
        String v = value.replace(" ", "");
        if (v.length() != 10 || !asciiDigits(v, 0, 10)) {
            return "NHS number '" + value + "' must be 10 digits";
        }
        Integer expected = nhsCheckDigit(v.substring(0, 9));
        if (expected == null) {
            return "NHS number '" + value + "' is not a valid NHS number (no check digit exists for its first nine digits)";
        }
        if (expected != v.charAt(9) - '0') {
            return "NHS number '" + value + "' fails the modulus 11 check (check digit should be " + expected + ")";
        }
        return null;
    }

    /** The modulus 11 check digit of the first nine digits, or null when the remainder gives 10 (number never issued). */
    public static Integer nhsCheckDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? null : check;
    }

    // ---- UPN: 13 characters, first a check letter (DfE algorithm) ----

    /** DfE check-letter alphabet: A–Z without I, O and S (23 letters, remainders 0–22). */
    private static final String UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    public static String checkUpn(String value) {
        String v = value.trim().toUpperCase();
        if (v.length() != 13 || !upperLetter(v.charAt(0)) || !asciiDigits(v, 1, 12)
                || !(upperLetter(v.charAt(12)) || asciiDigit(v.charAt(12)))) {
            return "UPN '" + value + "' must be 13 characters: a check letter, 11 digits, and a digit or letter";
        }
        Character expected = upnCheckLetter(v.substring(1));
        if (expected == null) {
            return "UPN '" + value + "' has a character the DfE algorithm does not allow (I, O or S)";
        }
        if (expected != v.charAt(0)) {
            return "UPN '" + value + "' has check letter " + v.charAt(0) + " but its digits give " + expected;
        }
        return null;
    }

    /** The check letter for the last 12 characters of a UPN (weights 2..13), or null for a character outside the alphabet. */
    public static Character upnCheckLetter(String last12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = last12.charAt(i);
            int value;
            if (Character.isDigit(c)) {
                value = c - '0';
            } else {
                value = UPN_LETTERS.indexOf(c);
                if (value < 0) {
                    return null;
                }
            }
            sum += value * (i + 2);
        }
        return UPN_LETTERS.charAt(sum % 23);
    }

    // Plain loops rather than String.matches, which compiles its pattern on every call

    private static boolean asciiDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!asciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean upperLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    // ---- NINO ----

    private static final Pattern NINO = Pattern.compile("([A-Z])([A-Z])(\\d{6})([A-D])");
    private static final Set<String> NINO_BAD_PREFIXES = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");
    private static final String NINO_BAD_LETTERS = "DFIQUV";

    public static String checkNino(String value) {
        String v = value.replace(" ", "").toUpperCase();
        var m = NINO.matcher(v);
        if (!m.matches()) {
            return "NINO '" + value + "' must be two letters, six digits and a suffix A-D";
        }
        char first = m.group(1).charAt(0);
        char second = m.group(2).charAt(0);
        if (NINO_BAD_LETTERS.indexOf(first) >= 0 || NINO_BAD_LETTERS.indexOf(second) >= 0) {
            return "NINO '" + value + "' has a prefix letter that is never used (D, F, I, Q, U, V)";
        }
        if (second == 'O') {
            return "NINO '" + value + "' has O as its second letter, which is never used";
        }
        if (NINO_BAD_PREFIXES.contains(m.group(1) + m.group(2))) {
            return "NINO '" + value + "' has the prefix " + m.group(1) + m.group(2) + ", which is never allocated";
        }
        return null;
    }

    // ---- UK postcode ----

    private static final Pattern POSTCODE = Pattern.compile(
            "(GIR ?0AA|[A-PR-UWYZ](\\d{1,2}|[A-HK-Y]\\d{1,2}|\\d[A-HJKPSTUW]|[A-HK-Y]\\d[ABEHMNPRV-Y]) ?\\d[ABD-HJLNP-UW-Z]{2})");

    public static String checkPostcode(String value) {
        String v = value.trim().toUpperCase();
        if (!POSTCODE.matcher(v).matches()) {
            return "postcode '" + value + "' is not a UK postcode";
        }
        return null;
    }

    /** Upper case with a single space before the inward code, e.g. {@code cv11aa} → {@code CV1 1AA}. */
    public static String normalisePostcode(String value) {
        String v = value.replace(" ", "").toUpperCase();
        return v.length() > 3 ? v.substring(0, v.length() - 3) + " " + v.substring(v.length() - 3) : v;
    }
}
