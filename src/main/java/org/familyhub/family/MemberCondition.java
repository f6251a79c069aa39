package org.familyhub.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.Period;

/**
 * Which family members a rule looks at: {@code child} (under 18 on the evaluation date), {@code adult} (18 or over),
 * optionally narrowed by {@code ageBelow}. A member without a date of birth satisfies no age condition: the hub
 * does not guess ages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberCondition(String kind, Integer ageBelow) {

    public static final int ADULT_AGE = 18;

    public boolean admits(LocalDate dateOfBirth, LocalDate evaluationDate) {
        if (dateOfBirth == null) {
            return false;
        }
        int age = ageOn(dateOfBirth, evaluationDate);
        boolean kindOk = kind == null || ("child".equals(kind) ? age < ADULT_AGE : age >= ADULT_AGE);
        return kindOk && (ageBelow == null || age < ageBelow);
    }

    public static int ageOn(LocalDate dateOfBirth, LocalDate date) {
        return Period.between(dateOfBirth, date).getYears();
    }

    public static boolean isChild(LocalDate dateOfBirth, LocalDate date) {
        return dateOfBirth != null && !dateOfBirth.isAfter(date) && ageOn(dateOfBirth, date) < ADULT_AGE;
    }
}
