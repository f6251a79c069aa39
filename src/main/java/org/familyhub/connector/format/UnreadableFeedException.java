package org.familyhub.connector.format;

/**
 * A whole body cannot be read (wrong encoding, not the partner's format, malformed or unsafe markup).
 * The message is one sentence a partner's IT team can act on; nothing from the body is kept.
 */
public class UnreadableFeedException extends Exception {

    public UnreadableFeedException(String message) {
        super(message);
    }

    public UnreadableFeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
