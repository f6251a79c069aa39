package org.familyhub.connector.format;

import java.time.LocalDate;
import java.util.List;

public interface FeedFormat {
    String id();
    List<ParsedItem> parse(String partner, String text, LocalDate receivedOn) throws UnreadableFeedException;
}
