package org.familyhub.ingest;

/** How a batch reached the hub. */
public enum BatchSource { FILE, PUSH, PULL }
