package org.familyhub.audit;

/** What happened (DESIGN §5). Stored by name: never rename a constant once events of that type exist. */
public enum AuditEventType {
    RECEIVED, PERMITTED, REDACTED, REFUSED, QUARANTINED, READ, EXPORTED, PUSHED, AGREEMENT_CHANGED, CONSENT_CHANGED,
    PURGED, BREAK_GLASS, ALLOCATED, LINKAGE_DECIDED
}
