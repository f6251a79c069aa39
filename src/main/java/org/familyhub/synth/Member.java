package org.familyhub.synth;

import java.time.LocalDate;

/** One person of a synthetic family, with the true values every partner record is derived from. */
final class Member {

    enum Role { MOTHER, FATHER, STEPFATHER, GRANDMOTHER, GRANDFATHER, CHILD }

    long number;            // 1-based person number in the estate
    String id;              // P000123
    Role role;
    String given;
    String family;
    LocalDate dob;
    char sex;
    String nhs;
    String upn;             // children of school age (or nearly) only
    String nino;            // 16 and over only
    String pnc;             // people with a police record
    String crn;
    boolean livesElsewhere; // e.g. a father at another address, still in the family
    Home home;
    /** For a child: whether the household's man is the child's own father (false: stepchild or not his). */
    boolean childOfMan = true;
    int primary = -1;       // school indexes into the catalogue
    int secondary = -1;
    boolean sixthForm;
    double attendance;      // baseline attendance rate
    boolean persistentAbsence;
    boolean excludable;     // prone to suspensions

    boolean isAdult() {
        return role != Role.CHILD;
    }

    int ageOn(LocalDate day) {
        return java.time.Period.between(dob, day).getYears();
    }
}
