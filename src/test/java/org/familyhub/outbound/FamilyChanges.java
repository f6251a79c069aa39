package org.familyhub.outbound;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Family changes for the outbound tests: a mother and child with every identifier scheme, NINO included. */
public final class FamilyChanges {

    public static final String NINO = "QQ123456C";

    private FamilyChanges() {
    }

    public static FamilyChange of(String familyId, String changeKey) {
        return of(familyId, changeKey, FamilyChange.Reason.NEWLY_ELIGIBLE);
    }

    public static FamilyChange of(String familyId, String changeKey, FamilyChange.Reason reason) {
        return of(familyId, changeKey, reason, "9434765919");
    }

    public static FamilyChange of(String familyId, String changeKey, FamilyChange.Reason reason, String motherNhs) {
        Map<String, String> mother = new LinkedHashMap<>();
        mother.put("NHS", motherNhs);
        mother.put("NINO", NINO);
        mother.put("pnc", "2019/0123456A");
        mother.put("UPRN", "100023336956");
        mother.put("tenancyRef", "T-778");
        Map<String, String> child = new LinkedHashMap<>();
        child.put("UPN", "A123456789012");
        child.put("crn", "X123456");
        return new FamilyChange(familyId, reason, "sf-2022", true,
                List.of(new FamilyChange.Member("p-" + familyId + "-1", "Sarah", "O'Neill", LocalDate.of(1988, 4, 2), mother),
                        new FamilyChange.Member("p-" + familyId + "-2", "Leo", "O'Neill", LocalDate.of(2013, 11, 30), child)),
                List.of(new FamilyChange.Criterion("crime-asb", true, List.of(LocalDate.of(2025, 1, 14), LocalDate.of(2025, 3, 2))),
                        new FamilyChange.Criterion("education", false, List.of())),
                List.of(new FamilyChange.Worker("p-" + familyId + "-2", "school", "attendance officer", "Ms Patel",
                        "0161 496 0000", "patel@school.example", LocalDate.of(2024, 9, 1))),
                changeKey);
    }
}
