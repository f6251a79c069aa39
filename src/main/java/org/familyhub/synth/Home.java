package org.familyhub.synth;

/** A dwelling. {@code id} is the generator's address number, unique in the estate. */
record Home(long id, String uprn, String line1, String line2, String town, String postcode) {
}
