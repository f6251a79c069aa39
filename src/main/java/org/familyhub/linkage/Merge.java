package org.familyhub.linkage;

/** Two persons found to be one: {@code kept} is the older id and survives, {@code retired} now points to it. */
public record Merge(String kept, String retired) {
}
