package org.familyhub.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** A synthetic family: its members, home(s), and the needs its partner records evidence. */
final class Household {

    enum Kind { COUPLE, LONE_PARENT, STEP_FAMILY, FATHER_ELSEWHERE, KINSHIP_CARE, LONE_PARENT_WITH_GRANDPARENT, COUPLE_NO_CHILDREN }

    /** The six tf-2015 headline problems, as the generator plants them. */
    enum Need { CRIME_ASB, SCHOOL_ATTENDANCE, CHILDREN_NEED_HELP, WORKLESS_FINANCIAL, DOMESTIC_ABUSE, HEALTH }

    int index;
    String id;              // F000045
    Kind kind;
    Names.Heritage heritage;
    final List<Member> members = new ArrayList<>();
    Home home;
    Home previousHome;      // set when the family moved
    LocalDate movedOn;
    boolean socialHousing;
    String tenancyRef;
    int landlord = -1;
    final EnumSet<Need> needs = EnumSet.noneOf(Need.class);

    /** The address a member lived at on a day: the previous home before a move. */
    Home homeOn(Member m, LocalDate day) {
        if (m.livesElsewhere) {
            return m.home;
        }
        if (previousHome != null && day.isBefore(movedOn)) {
            return previousHome;
        }
        return home;
    }

    List<Member> adults() {
        return members.stream().filter(Member::isAdult).toList();
    }

    List<Member> children() {
        return members.stream().filter(m -> !m.isAdult()).toList();
    }
}
