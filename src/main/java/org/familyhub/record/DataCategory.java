package org.familyhub.record;

import java.util.Arrays;
import java.util.Optional;

/** The data categories of DESIGN §3, with the UK GDPR article that governs each. */
public enum DataCategory {
    CRIME_ASB("crime-asb", Sensitivity.CRIMINAL_OFFENCE),
    DOMESTIC_ABUSE("domestic-abuse", Sensitivity.SPECIAL_CATEGORY),
    EDUCATION_ATTENDANCE("education-attendance", Sensitivity.ORDINARY),
    EDUCATION_EXCLUSION("education-exclusion", Sensitivity.ORDINARY),
    CHILD_PROTECTION("child-protection", Sensitivity.ORDINARY),
    WORKLESSNESS("worklessness", Sensitivity.ORDINARY),
    FINANCIAL_EXCLUSION("financial-exclusion", Sensitivity.ORDINARY),
    HOUSING("housing", Sensitivity.ORDINARY),
    HEALTH_PHYSICAL("health-physical", Sensitivity.SPECIAL_CATEGORY),
    HEALTH_MENTAL("health-mental", Sensitivity.SPECIAL_CATEGORY),
    SUBSTANCE_MISUSE("substance-misuse", Sensitivity.SPECIAL_CATEGORY),
    OFFENDER_MANAGEMENT("offender-management", Sensitivity.CRIMINAL_OFFENCE);

    /** Art. 9 (special category), Art. 10 (criminal offence) or neither. */
    public enum Sensitivity { ORDINARY, SPECIAL_CATEGORY, CRIMINAL_OFFENCE }

    private final String id;
    private final Sensitivity sensitivity;

    DataCategory(String id, Sensitivity sensitivity) {
        this.id = id;
        this.sensitivity = sensitivity;
    }

    public String id() {
        return id;
    }

    public Sensitivity sensitivity() {
        return sensitivity;
    }

    public static Optional<DataCategory> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
