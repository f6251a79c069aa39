package org.familyhub.linkage;

/** A reviewer's answer about a pair; remembered and honoured on every later batch. */
public enum Decision { MATCH, NO_MATCH }
