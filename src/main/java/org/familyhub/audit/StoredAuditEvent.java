package org.familyhub.audit;

import java.time.Instant;

/** An event as the audit table holds it: the id the API shows, when it was written, and what it says. */
public record StoredAuditEvent(long id, Instant occurredAt, AuditEvent event) {
}
