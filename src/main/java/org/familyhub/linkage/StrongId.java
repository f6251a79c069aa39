package org.familyhub.linkage;

/** Identifiers that name one person; agreement on any of them is a deterministic link. */
public enum StrongId { NHS, NINO, UPN, PNC, CRN }
