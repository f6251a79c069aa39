package org.familyhub.linkage;

/** How a record came to belong to its person: kept with each link so a reviewer can see why two records are one. */
public enum LinkReason {
    /** No stored record matched: a new person. */
    NEW,
    /** A shared strong identifier (NHS number, NINO, UPN, PNC, CRN). */
    IDENTIFIER,
    /** The Fellegi–Sunter score passed the upper threshold. */
    PROBABILISTIC,
    /** A reviewer confirmed the pair. */
    REVIEW,
    /** The same partner record again (a new version): it keeps its person. */
    SAME_KEY
}
