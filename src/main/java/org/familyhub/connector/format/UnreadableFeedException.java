package org.familyhub.connector.format;

public class UnreadableFeedException extends Exception {
    public UnreadableFeedException(String message) { super(message); }
}
