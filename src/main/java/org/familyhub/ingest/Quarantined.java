package org.familyhub.ingest;

/** A record set aside with the reason a partner's IT team can act on. */
public record Quarantined(int position, String location, Stage stage, String reason, String raw) {
    public enum Stage { PARSE, VALIDATE }
}
