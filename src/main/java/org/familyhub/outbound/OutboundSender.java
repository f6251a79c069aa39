package org.familyhub.outbound;

/** A sender of one outbound system's messages from the outbox; the status API asks each whether it is configured. */
public interface OutboundSender {

    /** The system's id, as in {@code outbound_message.system} (e.g. {@code early-help}). */
    String system();

    /** False while the system's endpoint is not set: its messages wait in the outbox, none is dropped. */
    boolean configured();
}
