package org.familyhub.synth;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-record noise, as partner systems introduce it: nicknames, typos, transliteration, hyphenated surnames cut or
 * spaced, day and month swapped. {@code level} scales the rates (1.0 = a police system keyed at the roadside).
 */
final class Noise {

    private Noise() {
    }

    static String given(SplittableRandom r, String given, double level) {
        String out = given;
        String[] nick = Names.nicknames(given);
        if (nick != null && r.nextDouble() < 0.08 * level) {
            out = Names.pick(r, nick);
        }
        if (r.nextDouble() < 0.03 * level) {
            out = typo(r, out);
        }
        if (!out.equals(Names.ascii(out)) && r.nextDouble() < 0.5) {
            out = Names.ascii(out);
        }
        return out;
    }

    static String family(SplittableRandom r, String family, double level) {
        String out = family;
        if (out.contains("-")) {
            double x = r.nextDouble();
            if (x < 0.12 * level) {
                out = out.replace('-', ' ');
            } else if (x < 0.25 * level) {
                String[] parts = out.split("-");
                out = r.nextBoolean() ? parts[0] : parts[parts.length - 1];
            }
        }
        if (r.nextDouble() < 0.03 * level) {
            out = typo(r, out);
        }
        if (r.nextDouble() < 0.02 * level) {
            out = out.toUpperCase(Locale.ROOT);
        }
        if (!out.equals(Names.ascii(out)) && r.nextDouble() < 0.5) {
            out = Names.ascii(out);
        }
        return out;
    }

    /** One-letter substitution, transposition of neighbours, or deletion; never the first letter, never an apostrophe. */
    static String typo(SplittableRandom r, String s) {
        if (s.length() < 4) {
            return s;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            int i = 1 + r.nextInt(s.length() - 2);
            char c = s.charAt(i);
            char d = s.charAt(i + 1);
            if (!Character.isLetter(c) || !Character.isLetter(d)) {
                continue;
            }
            String out = switch (r.nextInt(3)) {
                case 0 -> s.substring(0, i) + (char) ('a' + r.nextInt(26)) + s.substring(i + 1);
                case 1 -> s.substring(0, i) + d + c + s.substring(i + 2);
                default -> s.substring(0, i) + s.substring(i + 1);
            };
            if (!out.equals(s)) {
                return out;
            }
        }
        return s;
    }

    /**
     * Day and month swapped now and then, as keyed in by hand. Never into the future: a partner's own system refuses
     * such a date (and the hub quarantines it), so a young child born early in this year keeps their date.
     */
    static LocalDate dob(SplittableRandom r, LocalDate dob, double level, LocalDate today) {
        if (dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue() && r.nextDouble() < 0.02 * level) {
            LocalDate swapped = LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
            return swapped.isAfter(today) ? dob : swapped;
        }
        return dob;
    }

    /** An impossible date in the same year: month 13. */
    static String impossible(LocalDate d) {
        return String.format("%04d-13-%02d", d.getYear(), d.getDayOfMonth());
    }
}
