package org.familyhub.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Subject;

/**
 * Consents indexed for matching records: a consent covers a record's subject when a strong identifier matches
 * (NHS number, NINO, UPN), or when name, date of birth and postcode all match. Built once per batch.
 */
public final class ConsentIndex {

    public static final ConsentIndex EMPTY = new ConsentIndex(List.of());

    private final Map<String, List<Consent>> byKey = new HashMap<>();

    public ConsentIndex(Collection<Consent> consents) {
        for (Consent c : consents) {
            for (String key : keys(c.person())) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(c);
            }
        }
    }

    /** Every consent whose person matches the subject (not yet filtered by scope or date). */
    public Set<Consent> matching(Subject s) {
        Set<Consent> result = new LinkedHashSet<>();
        for (String key : keys(s)) {
            List<Consent> found = byKey.get(key);
            if (found != null) {
                result.addAll(found);
            }
        }
        return result;
    }

    static List<String> keys(Consent.ConsentPerson p) {
        return keys(p.nhsNumber(), p.nino(), p.upn(), p.givenName(), p.familyName(),
                p.dateOfBirth() == null ? null : p.dateOfBirth().toString(), p.postcode());
    }

    static List<String> keys(Subject s) {
        Identifiers ids = s.identifiers() == null ? Identifiers.NONE : s.identifiers();
        String postcode = s.address() == null ? null : s.address().postcode();
        return keys(ids.nhsNumber(), ids.nino(), ids.upn(), s.givenName(), s.familyName(),
                s.dateOfBirth() == null ? null : s.dateOfBirth().toString(), postcode);
    }

    private static List<String> keys(String nhs, String nino, String upn, String given, String family, String dob,
                                     String postcode) {
        List<String> keys = new ArrayList<>(4);
        if (present(nhs)) {
            keys.add("nhs:" + compact(nhs));
        }
        if (present(nino)) {
            keys.add("nino:" + compact(nino));
        }
        if (present(upn)) {
            keys.add("upn:" + compact(upn));
        }
        if (present(given) && present(family) && present(dob) && present(postcode)) {
            keys.add("person:" + given.trim().toLowerCase(Locale.ROOT) + "|" + family.trim().toLowerCase(Locale.ROOT)
                    + "|" + dob + "|" + compact(postcode));
        }
        return keys;
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    private static String compact(String v) {
        return v.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
