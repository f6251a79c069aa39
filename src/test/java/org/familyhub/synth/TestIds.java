package org.familyhub.synth;

/** Valid identifiers (check digits right) for hand-written test batches, from the generator's own rules. */
public final class TestIds {

    private TestIds() {
    }

    public static String nhs(long n) {
        return Ids.nhsNumber(n, 991);
    }

    public static String upn(long n) {
        return Ids.upn(n, 991);
    }

    public static String nino(long n) {
        return Ids.nino(n, 991);
    }
}
