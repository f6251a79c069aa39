package org.familyhub.linkage;

import java.util.ArrayList;
import java.util.List;

/** A {@link PersonRecord} with its fields normalised once, so a record compared many times is folded once. */
final class PreparedRecord {

    final PersonRecord source;
    final List<String> given;
    final String givenFirst;
    final String givenJoined;
    /** Parts of the family name: "Smith-Jones" and "Smith Jones" both give [smith, jones]. */
    final List<String> familyParts;
    final String familyJoined;
    final String dob;
    /** The date of birth {@link Comparators#packedDate packed}, 0 when unknown. */
    final int dobKey;
    final String postcode;
    final boolean ukPostcode;
    final List<String> street;
    final String houseNumber;
    final String line;
    final String town;
    final String uprn;
    /** Where the record places its person, for the household-move rule ({@link #placeOf}). */
    final String place;
    final String weakId;
    /** Strong identifiers by {@link StrongId} ordinal (null where absent), and a bit per kind present. */
    final String[] ids;
    final int idKinds;
    /** Hash of each strong identifier (0 where absent), by the same ordinal. */
    final int[] idHash;
    /** {@link #idKinds}, with {@link #WEAK} set when the record has a weak identifier. */
    final int kinds;

    static final int WEAK = 1 << 31;

    PreparedRecord(PersonRecord r) {
        source = r;
        given = Normalise.tokens(r.given());
        givenFirst = given.isEmpty() ? "" : given.get(0);
        givenJoined = String.join("", given);
        familyParts = Normalise.tokens(r.family());
        familyJoined = String.join("", familyParts);
        int yyyyMMdd = r.dob() == null ? 0
                : r.dob().getYear() * 10000 + r.dob().getMonthValue() * 100 + r.dob().getDayOfMonth();
        dob = yyyyMMdd == 0 ? "" : Integer.toString(yyyyMMdd);
        dobKey = Comparators.packedDate(yyyyMMdd);
        postcode = Normalise.postcode(r.postcode());
        ukPostcode = Comparators.ukPostcode(postcode);
        List<String> tokens = Normalise.addressTokens(r.line1());
        String number = "";
        List<String> words = new ArrayList<>();
        for (String t : tokens) {
            if (number.isEmpty() && t.chars().anyMatch(Character::isDigit)) {
                number = t;
            } else {
                words.add(t);
            }
        }
        houseNumber = number;
        street = List.copyOf(words);
        line = String.join(" ", tokens);
        town = Normalise.text(r.town());
        uprn = Normalise.identifier(r.uprn());
        place = placeOf(r);
        weakId = Normalise.identifier(r.weakId());
        ids = new String[StrongId.values().length];
        int kinds = 0;
        for (java.util.Map.Entry<StrongId, String> e : r.strongIds().entrySet()) {
            ids[e.getKey().ordinal()] = e.getValue();
            kinds |= 1 << e.getKey().ordinal();
        }
        idKinds = kinds;
        idHash = new int[ids.length];
        for (int k = 0; k < ids.length; k++) {
            idHash[k] = ids[k] == null ? 0 : ids[k].hashCode();
        }
        this.kinds = weakId.isEmpty() ? kinds : kinds | WEAK;
    }

    static final String BARE = "bare:";

    /**
     * Where a record places its person, for the household-move rule: its home ({@link HouseholdKeys#home}), else its
     * postcode alone as {@code bare:CV11AA} (DWP gives a postcode and no house), else null.
     */
    private static String placeOf(PersonRecord r) {
        String home = HouseholdKeys.home(r.line1(), r.postcode(), r.uprn());
        if (home != null) {
            return home;
        }
        String pc = HouseholdKeys.postcode(r.postcode());
        return pc == null ? null : BARE + pc;
    }

    String key() {
        return source.key();
    }
}
