package org.familyhub.linkage;

/** How a record came to belong to its person: kept with each link so a reviewer can see why two records are one. */
public enum LinkReason {
    /** No stored record matched: a new person. */
    NEW,
    /** A shared strong identifier (NHS number, NINO, UPN, PNC, CRN). */
    IDENTIFIER,
    /** The Fellegi–Sunter score passed the upper threshold. */
    PROBABILISTIC,
    /**
     * Name and birth date agree but the addresses do not, and another person is known at both addresses: the
     * household moved.
     */
    MOVED_WITH_HOUSEHOLD,
    /** A reviewer confirmed the pair. */
    REVIEW,
    /** The same partner record again (a new version): it keeps its person. */
    SAME_KEY
}
