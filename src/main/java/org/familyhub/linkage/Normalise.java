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
    private static final Pattern ID_SEPARATORS = Pattern.compile("[\\s/-]+");
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
        return s == null ? "" : SPACES.matcher(s).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** Identifiers compare without spaces, separators or case (NHS "943 476 5919" = "9434765919"). */
    static String identifier(String s) {
        return s == null ? "" : ID_SEPARATORS.matcher(s).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
