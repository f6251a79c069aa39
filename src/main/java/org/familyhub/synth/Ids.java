package org.familyhub.synth;

import java.util.ArrayList;
import java.util.List;

import org.familyhub.validation.IdentifierRules;

/**
 * Identifiers that are unique per person (or address) and valid by construction: each is a bijective scramble of
 * a sequence number, so no lookup table is needed and generation stays memory-flat. Check digits and letters come
 * from {@link IdentifierRules}; the algorithms are not repeated here.
 */
final class Ids {

    private Ids() {
    }

    /** SplitMix64 finaliser: a good 64-bit mix for deriving seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(long seed, long a, long b) {
        return mix(mix(seed * 0x9E3779B97F4A7C15L + a) + b * 0xC2B2AE3D27D4EB4FL);
    }

    /**
     * A bijection on [0, modulus) for modulus a power of ten: two rounds of an affine map with multipliers coprime
     * to 10, separated by a digit rotation. Spreads consecutive numbers across the range.
     */
    static long scramble(long n, long modulus, long salt) {
        long x = Math.floorMod(n * 7_919_393L + salt, modulus);
        String s = String.valueOf(x + modulus).substring(1); // zero-padded
        s = s.substring(s.length() / 2) + s.substring(0, s.length() / 2);
        x = Long.parseLong(s);
        return Math.floorMod(x * 3_010_349L + salt / 7, modulus);
    }

    /** NHS number: "9" + 7 scrambled digits + a last digit chosen so that a check digit exists. 10 digits. */
    static String nhsNumber(long person, long salt) {
        String stem = "9" + String.format("%07d", scramble(person, 10_000_000L, salt));
        for (int k = 0; k < 10; k++) {
            String prefix = stem + k;
            Integer check = IdentifierRules.nhsCheckDigit(prefix);
            if (check != null) {
                return prefix + check;
            }
        }
        throw new IllegalStateException("no NHS check digit for " + stem); // unreachable: 2k mod 11 is distinct for k < 10
    }

    /** An NHS number with the wrong check digit. */
    static String badNhsNumber(String valid) {
        int d = valid.charAt(9) - '0';
        return valid.substring(0, 9) + ((d + 1) % 10); // only one check digit is valid
    }

    /** UPN: check letter + Coventry LA code 331 + 9 scrambled digits. */
    static String upn(long person, long salt) {
        String last12 = "331" + String.format("%09d", scramble(person, 1_000_000_000L, salt));
        return IdentifierRules.upnCheckLetter(last12) + last12;
    }

    static String badUpn(String valid) {
        String letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
        char next = letters.charAt((letters.indexOf(valid.charAt(0)) + 1) % letters.length());
        return next + valid.substring(1);
    }

    private static final List<String> NINO_PREFIXES = new ArrayList<>();

    static {
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                String p = "" + a + b;
                if (IdentifierRules.checkNino(p + "000000A") == null) {
                    NINO_PREFIXES.add(p);
                }
            }
        }
    }

    static String nino(long person, long salt) {
        long x = scramble(person, 100_000_000L, salt);
        String prefix = NINO_PREFIXES.get((int) ((x / 1_000_000L) % NINO_PREFIXES.size()));
        return prefix + String.format("%06d", x % 1_000_000L) + "ABCD".charAt((int) Math.floorMod(person + salt, 4));
    }

    /** An invalid NINO: a never-used prefix letter, or a suffix outside A–D. */
    static String badNino(String valid, int variant) {
        return switch (variant % 3) {
            case 0 -> "D" + valid.substring(1);
            case 1 -> valid.substring(0, 8) + "E";
            default -> valid.substring(0, 8); // no suffix
        };
    }

    /** PNC id: year of first record / 7 digits + check letter (PNC modulus-23 letter over yy + serial). */
    static String pnc(long person, int year, long salt) {
        long serial = scramble(person, 10_000_000L, salt ^ 0x5A5AL);
        long yy = year % 100;
        String letters = "ZABCDEFGHJKLMNPQRTUVWXY";
        char check = letters.charAt((int) ((yy * 10_000_000L + serial) % 23));
        return String.format("%04d/%07d%c", year, serial, check);
    }

    /** CRN: a letter and six digits. */
    static String crn(long person, long salt) {
        long x = scramble(person, 10_000_000L, salt ^ 0xC0FFEEL);
        return "" + (char) ('A' + (x / 1_000_000L) % 26) + String.format("%06d", x % 1_000_000L);
    }

    /** UPRN: 12 digits, Coventry-like 1000… */
    static String uprn(long address, long salt) {
        return "1000" + String.format("%08d", scramble(address, 100_000_000L, salt ^ 0xADD5L));
    }
}
