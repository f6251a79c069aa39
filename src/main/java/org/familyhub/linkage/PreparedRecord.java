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
    final String postcode;
    final boolean ukPostcode;
    final List<String> street;
    final String houseNumber;
    final String line;
    final String town;
    final String uprn;
    final String weakId;
    /** Strong identifiers by {@link StrongId} ordinal (null where absent), and a bit per kind present. */
    final String[] ids;
    final int idKinds;

    PreparedRecord(PersonRecord r) {
        source = r;
        given = Normalise.tokens(r.given());
        givenFirst = given.isEmpty() ? "" : given.get(0);
        givenJoined = String.join("", given);
        familyParts = Normalise.tokens(r.family());
        familyJoined = String.join("", familyParts);
        dob = r.dob() == null ? "" : Integer.toString(r.dob().getYear() * 10000 + r.dob().getMonthValue() * 100
                + r.dob().getDayOfMonth());
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
        weakId = Normalise.identifier(r.weakId());
        ids = new String[StrongId.values().length];
        int kinds = 0;
        for (java.util.Map.Entry<StrongId, String> e : r.strongIds().entrySet()) {
            ids[e.getKey().ordinal()] = e.getValue();
            kinds |= 1 << e.getKey().ordinal();
        }
        idKinds = kinds;
    }

    String key() {
        return source.key();
    }
}
