package org.familyhub.connector.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** Test helpers: read a fixture or sample through the same decoding a connector uses. */
final class Feeds {

    static final LocalDate RECEIVED = LocalDate.of(2025, 12, 1);

    private Feeds() {
    }

    static Path sample(String partner, String file) {
        return Path.of("connectors/partners", partner, "samples", file);
    }

    static Path bad(String file) {
        return Path.of("src/test/resources/feeds/bad", file);
    }

    static String text(Path file) throws UnreadableFeedException {
        try {
            return FeedText.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ParsedItem> parse(FeedFormat format, String partner, Path file) throws UnreadableFeedException {
        return format.parse(partner, text(file), RECEIVED);
    }
}
