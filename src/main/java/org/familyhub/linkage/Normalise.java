package org.familyhub.linkage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Folding of free text into comparable form: case, accents, punctuation, common street abbreviations. */
final class Normalise {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9 ]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Map<String, String> STREET_WORDS = Map.ofEntries(
            Map.entry("rd", "road"), Map.entry("st", "street"), Map.entry("ave", "avenue"), Map.entry("av", "avenue"),
            Map.entry("ln", "lane"), Map.entry("cl", "close"), Map.entry("cres", "crescent"), Map.entry("dr", "drive"),
            Map.entry("ct", "court"), Map.entry("pl", "place"), Map.entry("sq", "square"), Map.entry("gdns", "gardens"),
            Map.entry("gr", "grove"), Map.entry("tce", "terrace"), Map.entry("cct", "circuit"), Map.entry("hwy", "highway"));

    private Normalise() {
    }

    /** Lower case ASCII letters and digits separated by single spaces; hyphens become spaces, apostrophes vanish. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        String ascii = asciiText(s);
        return ascii != null ? ascii : foldedText(s);
    }

    /**
     * {@link #text} for plain ASCII input, the usual case, in one pass without regular expressions (linkage folds
     * every candidate's names and address on every batch). Null when the input has any other character: those go
     * through the full folding (accents, ligatures, Unicode marks).
     */
    static String asciiText(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128) {
                return null;
            }
            if (c == '\'' || c == '.') {
                continue; // apostrophes and full stops vanish without a gap
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            } else {
                space = true; // hyphens, spaces, any other punctuation: one space between words
            }
        }
        return out.toString();
    }

    /** {@link #text} for any input. */
    static String foldedText(String s) {
        String t = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
                .replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe").replace("đ", "d").replace("ı", "i");
        t = MARKS.matcher(Normalizer.normalize(t, Normalizer.Form.NFD)).replaceAll("");
        t = t.toLowerCase(Locale.ROOT).replace('-', ' ').replace("'", "").replace("’", "").replace(".", "");
        t = NOT_WORD.matcher(t).replaceAll(" ");
        return SPACES.matcher(t).replaceAll(" ").trim();
    }

    static List<String> tokens(String s) {
        String t = text(s);
        return t.isEmpty() ? List.of() : List.of(t.split(" "));
    }

    /** Address tokens with street abbreviations expanded (Rd → road), so "12 Park Rd" equals "12 park road". */
    static List<String> addressTokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : tokens(s)) {
            out.add(STREET_WORDS.getOrDefault(t, t));
        }
        return out;
    }

    static String postcode(String s) {
        return s == null ? "" : without(s, false).toUpperCase(Locale.ROOT);
    }

    /** Identifiers compare without spaces, separators or case (NHS "943 476 5919" = "9434765919"). */
    static String identifier(String s) {
        return s == null ? "" : without(s, true).toUpperCase(Locale.ROOT);
    }

    /** The text without whitespace (as regex {@code \\s}: space, tab, line breaks, form feed, vertical tab), and
     * without slashes and hyphens too when {@code separators}. */
    private static String without(String s, boolean separators) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drop = c == ' ' || c >= '\t' && c <= '\r' || separators && (c == '/' || c == '-');
            if (drop && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!drop && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
