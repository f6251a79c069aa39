package org.familyhub.linkage;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.familyhub.record.Address;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;

/**
 * The linkage view of one record: only what says who the person is. Any field may be null.
 *
 * @param key      unique across all sources, e.g. {@code police|INC-0000001}
 * @param sex      {@code M}, {@code F} or null
 * @param strongIds deterministic identifiers, present ones only
 * @param weakId   an identifier too often wrong to link on by itself (FEBRL {@code soc_sec_id}); evidence only
 */
public record PersonRecord(String key, String given, String family, LocalDate dob, String sex, String line1,
                           String town, String postcode, String uprn, Map<StrongId, String> strongIds, String weakId) {

    public PersonRecord {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a person record needs a key");
        }
        EnumMap<StrongId, String> ids = new EnumMap<>(StrongId.class);
        if (strongIds != null) {
            strongIds.forEach((k, v) -> {
                String t = Normalise.identifier(v);
                if (!t.isEmpty()) {
                    ids.put(k, t);
                }
            });
        }
        strongIds = Collections.unmodifiableMap(ids);
        sex = sex(sex);
    }

    /** Key = partner + '|' + the partner's source record id, so keys never collide across partners. */
    public static PersonRecord of(PartnerRecord r) {
        Subject s = r.subject();
        Address a = s.address() == null ? Address.EMPTY : s.address();
        Identifiers i = s.identifiers() == null ? Identifiers.NONE : s.identifiers();
        Map<StrongId, String> ids = new EnumMap<>(StrongId.class);
        put(ids, StrongId.NHS, i.nhsNumber());
        put(ids, StrongId.NINO, i.nino());
        put(ids, StrongId.UPN, i.upn());
        put(ids, StrongId.PNC, i.pncId());
        put(ids, StrongId.CRN, i.crn());
        return new PersonRecord(r.key(), s.givenName(), s.familyName(), s.dateOfBirth(),
                s.sex(), a.line1(), a.town(), a.postcode(), a.uprn(), ids, null);
    }

    private static void put(Map<StrongId, String> ids, StrongId kind, String value) {
        if (value != null) {
            ids.put(kind, value);
        }
    }

    private static String sex(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        char c = s.trim().toUpperCase(Locale.ROOT).charAt(0);
        return c == 'M' ? "M" : c == 'F' ? "F" : null;
    }
}
