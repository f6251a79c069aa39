package org.familyhub.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass ASCII folding gives exactly what the full folding gives, so links cannot change with it. */
class NormaliseTest {

    private static final String ALPHABET = "abcXYZ09 -'.,/\t\n\u000B\f\r_()&!\"";

    @Test
    void asciiFoldingEqualsFullFoldingOnAnyAsciiText() {
        Random random = new Random(11);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                s.append(random.nextInt(5) == 0 ? (char) random.nextInt(128) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = s.toString();
            assertThat(Normalise.asciiText(text)).as("[%s]", text).isEqualTo(Normalise.foldedText(text));
        }
    }

    @Test
    void foldsNamesAndAddresses() {
        assertThat(Normalise.text("  O'Brien-SMITH ")).isEqualTo("obrien smith");
        assertThat(Normalise.text("12a, St. John's Rd.")).isEqualTo("12a st johns rd");
        assertThat(Normalise.text("Zoë Łukasz")).isEqualTo("zoe lukasz");
        assertThat(Normalise.asciiText("Zoë")).isNull();
        assertThat(Normalise.text("--")).isEmpty();
    }

    @Test
    void postcodesAndIdentifiersLoseSpacesAndSeparators() {
        Random random = new Random(5);
        String alphabet = "ab19 /-\t\n\u000B\f\rZ.";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertThat(Normalise.postcode(text)).isEqualTo(text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT));
            assertThat(Normalise.identifier(text)).isEqualTo(text.replaceAll("[\\s/-]+", "").toUpperCase(Locale.ROOT));
        }
        assertThat(Normalise.identifier("943 476-5919")).isEqualTo("9434765919");
        assertThat(Normalise.postcode("cv1 1aa")).isEqualTo("CV11AA");
    }
}
