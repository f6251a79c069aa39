package org.familyhub.linkage;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** Builds person records for tests, one field changed at a time. */
final class People {

    private String key = "k";
    private String given = "Robert";
    private String family = "Taylor";
    private LocalDate dob = LocalDate.of(1984, 3, 7);
    private String sex = "M";
    private String line1 = "12 Park Road";
    private String town = "Coventry";
    private String postcode = "CV5 6AB";
    private final Map<StrongId, String> ids = new EnumMap<>(StrongId.class);

    static People person(String key) {
        People p = new People();
        p.key = key;
        return p;
    }

    People given(String v) { given = v; return this; }
    People family(String v) { family = v; return this; }
    People dob(int y, int m, int d) { dob = LocalDate.of(y, m, d); return this; }
    People sex(String v) { sex = v; return this; }
    People address(String line, String pc) { line1 = line; postcode = pc; return this; }
    People id(StrongId kind, String v) { ids.put(kind, v); return this; }

    PersonRecord build() {
        return new PersonRecord(key, given, family, dob, sex, line1, town, postcode, null, ids, null);
    }
}
