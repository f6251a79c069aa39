package org.familyhub.connector.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns a feed body into text. Every partner sends UTF-8 (partner-feeds.md); anything else is refused, never guessed. */
public final class FeedText {

    private static final char BOM = '\uFEFF';

    private FeedText() {
    }

    /** Strict UTF-8 decoding; a leading byte-order mark is dropped. */
    public static String decode(byte[] body) throws UnreadableFeedException {
        if (body == null || body.length == 0) {
            throw new UnreadableFeedException("the body is empty");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        // That decoding puts U+FFFD for any malformed input; only then (or for a genuine U+FFFD) decode again strictly,
        // which finds and reports the bad byte
        if (text.indexOf('\uFFFD') >= 0) {
            text = strict(body);
        }
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new UnreadableFeedException("the body is empty");
        }
        // PostgreSQL text cannot hold NUL, and no partner format uses it: a NUL means a binary or corrupted file.
        int nul = text.indexOf('\u0000');
        if (nul >= 0) {
            throw new UnreadableFeedException("not a text file: a NUL character at offset " + nul
                    + "; send the file as UTF-8 text");
        }
        return text;
    }

    private static String strict(byte[] body) throws UnreadableFeedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        // UTF-8 never yields more chars than bytes, so one buffer of body.length always suffices
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(body, in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw notUtf8(body, in.position());
        }
        out.flip();
        return out.toString();
    }

    private static UnreadableFeedException notUtf8(byte[] body, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < body.length; i++) {
            if (body[i] == '\n') {
                line++;
            }
        }
        String bad = offset < body.length ? String.format("byte 0x%02X", body[offset] & 0xFF) : "an incomplete character";
        return new UnreadableFeedException(
                "not valid UTF-8: " + bad + " at offset " + offset + " (line " + line + "); send the file encoded as UTF-8");
    }
}
