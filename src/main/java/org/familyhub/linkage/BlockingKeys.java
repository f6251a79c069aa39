package org.familyhub.linkage;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keys a record is filed under; records are compared only when they share one. Several independent keys so that
 * an error in any one field (a typo in the surname, a new postcode, a wrong date) still leaves a shared key.
 */
final class BlockingKeys {

    private BlockingKeys() {
    }

    static Set<String> of(PreparedRecord r) {
        Set<String> keys = new LinkedHashSet<>();
        String year = r.dob.isEmpty() ? "" : r.dob.substring(0, 4);
        if (!r.dob.isEmpty()) {
            // day and month in sorted order: a swapped date files under the same key
            String md1 = r.dob.substring(4, 6);
            String md2 = r.dob.substring(6, 8);
            keys.add("b:" + year + (md1.compareTo(md2) <= 0 ? md1 + md2 : md2 + md1));
        }
        String givenSx = Similarity.soundex(r.givenFirst);
        for (String part : familyForms(r)) {
            String sx = Similarity.soundex(part);
            if (sx.isEmpty()) {
                continue;
            }
            if (!year.isEmpty()) {
                keys.add("s:" + sx + year);
            }
            if (!givenSx.isEmpty()) {
                // name pair in sorted order: given and family keyed into each other's boxes file together
                keys.add("n:" + (givenSx.compareTo(sx) <= 0 ? givenSx + sx : sx + givenSx));
            }
        }
        if (!r.postcode.isEmpty()) {
            if (!r.givenFirst.isEmpty()) {
                keys.add("p:" + r.postcode + r.givenFirst.charAt(0));
            }
            if (!r.familyJoined.isEmpty()) {
                keys.add("p:" + r.postcode + r.familyJoined.charAt(0));
            }
        }
        if (!r.houseNumber.isEmpty() && !r.street.isEmpty() && !r.givenFirst.isEmpty()) {
            keys.add("a:" + r.houseNumber + Similarity.soundex(r.street.get(0)) + r.givenFirst.charAt(0));
        }
        for (Map.Entry<StrongId, String> id : r.source.strongIds().entrySet()) {
            keys.add("i:" + id.getKey() + ":" + id.getValue());
        }
        if (!r.weakId.isEmpty()) {
            keys.add("w:" + r.weakId);
        }
        return keys;
    }

    /** The joined family name and, for a double-barrelled one, each half. */
    private static Set<String> familyForms(PreparedRecord r) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(r.familyJoined);
        if (r.familyParts.size() > 1) {
            forms.addAll(r.familyParts);
        }
        return forms;
    }
}
