package org.familyhub.connector.format;

public final class FeedText {
    public static String decode(byte[] body) throws UnreadableFeedException { return new String(body, java.nio.charset.StandardCharsets.UTF_8); }
}
