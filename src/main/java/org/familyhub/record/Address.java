package org.familyhub.record;

public record Address(String line1, String line2, String town, String postcode, String uprn) {
    public static final Address EMPTY = new Address(null, null, null, null, null);
}
