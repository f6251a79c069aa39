package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedTextTest {

    @Test
    void decodesUtf8AndDropsTheByteOrderMark() throws Exception {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'Z', 'o', (byte) 0xC3, (byte) 0xAB};
        assertThat(FeedText.decode(withBom)).isEqualTo("Zoë");
        assertThat(FeedText.decode("O'Neill".getBytes(StandardCharsets.UTF_8))).isEqualTo("O'Neill");
    }

    @Test
    void refusesLatin1WithTheOffendingByteAndWhereItIs() {
        assertThatThrownBy(() -> Feeds.text(Feeds.bad("latin-1.csv")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessage("not valid UTF-8: byte 0xEB at offset 113 (line 2); send the file encoded as UTF-8");
    }

    @Test
    void refusesATruncatedMultiByteCharacter() {
        byte[] cut = {'a', 'b', (byte) 0xE2, (byte) 0x82};
        assertThatThrownBy(() -> FeedText.decode(cut)).hasMessageStartingWith("not valid UTF-8: byte 0xE2 at offset 2 (line 1)");
    }

    @Test
    void refusesAnEmptyBody() {
        assertThatThrownBy(() -> FeedText.decode(new byte[0])).hasMessage("the body is empty");
        assertThatThrownBy(() -> FeedText.decode(null)).hasMessage("the body is empty");
        assertThatThrownBy(() -> FeedText.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})).hasMessage("the body is empty");
    }

    @Test
    void refusesABodyWithANulCharacterWhichNoPartnerFormatUses() {
        byte[] binary = {'a', ',', 'b', '\n', 'c', 0, 'd'};
        assertThatThrownBy(() -> FeedText.decode(binary)).isInstanceOf(UnreadableFeedException.class)
                .hasMessageStartingWith("not a text file: a NUL character at offset 5");
    }

    @Test
    void keepsAGenuineReplacementCharacterButRefusesAnEncodedSurrogate() throws Exception {
        // U+FFFD sent as valid UTF-8 is text like any other; ED A0 80 (a UTF-16 surrogate) is not UTF-8 at all
        assertThat(FeedText.decode("a\uFFFDb".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\uFFFDb");
        byte[] surrogate = {'o', 'k', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThatThrownBy(() -> FeedText.decode(surrogate))
                .hasMessage("not valid UTF-8: byte 0xED at offset 3 (line 2); send the file encoded as UTF-8");
    }
}
