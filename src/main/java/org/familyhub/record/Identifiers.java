package org.familyhub.record;

/** Strong identifiers a partner may send; any may be null (unknown). */
public record Identifiers(String nhsNumber, String upn, String nino, String pncId, String crn, String tenancyRef) {
    public static final Identifiers NONE = new Identifiers(null, null, null, null, null, null);
}
