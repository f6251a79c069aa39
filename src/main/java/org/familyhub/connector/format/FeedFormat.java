package org.familyhub.connector.format;

import java.time.LocalDate;
import java.util.List;

/**
 * One partner format of partner-feeds.md. A format is reusable: a second police force uses {@code police-csv}
 * with its own partner id, which becomes {@code PartnerRecord.partner}.
 */
public interface FeedFormat {

    /** The format id a connector names, e.g. {@code police-csv}. */
    String id();

    /**
     * Parses a whole body. Rows that break the spec come back as rejected items; a body that cannot be read
     * at all throws.
     *
     * @param receivedOn the day the body arrived; the observation date of formats that carry none
     */
    List<ParsedItem> parse(String partner, String text, LocalDate receivedOn) throws UnreadableFeedException;
}
