package org.familyhub.linkage;

/** What linkage concludes about a pair. */
public enum Outcome { MATCH, REVIEW, NON_MATCH }
