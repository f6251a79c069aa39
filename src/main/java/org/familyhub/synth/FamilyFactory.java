package org.familyhub.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.familyhub.synth.Household.Kind;
import org.familyhub.synth.Household.Need;
import org.familyhub.synth.Member.Role;
import org.familyhub.synth.Names.Heritage;

/** Builds family number {@code index} from its own seeded stream, so any family can be made independently. */
final class FamilyFactory {

    private final long seed;
    private final long salt;
    private final Catalogue catalogue;
    private final LocalDate today;

    FamilyFactory(long seed, Catalogue catalogue, LocalDate today) {
        this.seed = seed;
        this.salt = Math.floorMod(Ids.mix(seed, 0x1D5L, 0), 1_000_003L);
        this.catalogue = catalogue;
        this.today = today;
    }

    Household make(int index, long firstPerson) {
        SplittableRandom r = new SplittableRandom(Ids.mix(seed, index, 0xFA111L));
        Household h = new Household();
        h.index = index;
        h.id = String.format("F%06d", index + 1);
        h.kind = kind(r);
        h.heritage = Names.heritage(r);
        h.home = home(r, 3L * index);
        if (r.nextInt(100) < 15) {
            h.previousHome = home(r, 3L * index + 1);
            h.movedOn = today.minusDays(30 + r.nextInt(700));
        }
        members(r, h);
        long n = firstPerson;
        for (Member m : h.members) {
            m.number = n++;
            m.id = String.format("P%06d", m.number);
            if (m.home == null) {
                m.home = h.home;
            }
            m.nhs = Ids.nhsNumber(m.number, salt);
            if (m.ageOn(today) >= 3 && !m.isAdult()) {
                m.upn = Ids.upn(m.number, salt);
            }
            if (m.ageOn(today) >= 16) {
                m.nino = Ids.nino(m.number, salt);
            }
        }
        h.socialHousing = r.nextInt(100) < 35;
        if (h.socialHousing) {
            h.landlord = r.nextInt(catalogue.landlords.size());
            h.tenancyRef = catalogue.landlords.get(h.landlord).refPrefix() + "-" + String.format("%07d", Ids.scramble(index, 10_000_000L, salt));
        }
        schools(r, h);
        needs(r, h);
        return h;
    }

    // ---- composition ----

    private static Kind kind(SplittableRandom r) {
        int x = r.nextInt(100);
        if (x < 37) return Kind.COUPLE;
        if (x < 62) return Kind.LONE_PARENT;
        if (x < 76) return Kind.STEP_FAMILY;
        if (x < 88) return Kind.FATHER_ELSEWHERE;
        if (x < 92) return Kind.KINSHIP_CARE;
        if (x < 97) return Kind.LONE_PARENT_WITH_GRANDPARENT;
        return Kind.COUPLE_NO_CHILDREN;
    }

    private Home home(SplittableRandom r, long addressId) {
        Names.Locality loc = Names.pick(r, Names.LOCALITIES);
        String street = Names.pick(r, loc.streets());
        String line1;
        String line2;
        if (r.nextInt(100) < 25) {
            line1 = "Flat " + (1 + r.nextInt(40)) + ", " + Names.pick(r, Names.BLOCKS);
            line2 = street;
        } else {
            line1 = (1 + r.nextInt(240)) + " " + street;
            line2 = r.nextBoolean() ? loc.name() : "";
        }
        String postcode = loc.district() + " " + (1 + r.nextInt(9))
                + Names.INWARD_LETTERS.charAt(r.nextInt(Names.INWARD_LETTERS.length()))
                + Names.INWARD_LETTERS.charAt(r.nextInt(Names.INWARD_LETTERS.length()));
        return new Home(addressId, Ids.uprn(addressId, salt), line1, line2, "Coventry", postcode);
    }

    private LocalDate dobForAge(SplittableRandom r, int age) {
        // born between (today - age - 1 years, today - age years]
        LocalDate latest = today.minusYears(age);
        return latest.minusDays(r.nextInt(365));
    }

    private Member person(SplittableRandom r, Role role, char sex, int age, Heritage heritage, String surnameBase, List<String> taken) {
        Member m = new Member();
        m.role = role;
        m.sex = sex;
        m.dob = dobForAge(r, age);
        boolean child = role == Role.CHILD;
        String given;
        int tries = 0;
        do {
            given = Names.given(r, heritage, sex, child);
        } while (taken.contains(given) && ++tries < 20);
        taken.add(given);
        m.given = given;
        m.family = Names.surnameFor(surnameBase, sex);
        return m;
    }

    /** A surname for a woman of a Sikh or Bangladeshi/Pakistani family who may use Kaur or Begum. */
    private static String womanSurname(SplittableRandom r, Heritage h, String base) {
        if (h == Heritage.SIKH && r.nextInt(100) < 35) return "Kaur";
        if (h == Heritage.MUSLIM_SOUTH_ASIAN && r.nextInt(100) < 20) return "Begum";
        return base;
    }

    private static Heritage partnerHeritage(SplittableRandom r, Heritage h) {
        return r.nextInt(100) < 82 ? h : Names.heritage(r);
    }

    private static String doubleBarrel(String a, String b) {
        return a.contains("-") || b.contains("-") || a.equals(b) ? a : a + "-" + b;
    }

    private void members(SplittableRandom r, Household h) {
        List<String> taken = new ArrayList<>();
        Heritage her = h.heritage;
        int motherAge = 20 + r.nextInt(14) + r.nextInt(14);        // 20–46, peak mid-30s
        int nChildren = switch (h.kind) {
            case COUPLE_NO_CHILDREN -> 0;
            default -> {
                int x = r.nextInt(100);
                yield x < 30 ? 1 : x < 65 ? 2 : x < 85 ? 3 : x < 95 ? 4 : 5;
            }
        };
        String motherBase = Names.surname(r, her);
        Heritage fatherHer = partnerHeritage(r, her);
        String fatherBase = Names.surname(r, fatherHer);
        switch (h.kind) {
            case COUPLE, COUPLE_NO_CHILDREN -> {
                boolean married = r.nextInt(100) < 60;
                int fatherAge = Math.max(19, motherAge - 2 + r.nextInt(9));
                Member father = person(r, Role.FATHER, 'M', fatherAge, fatherHer, fatherBase, taken);
                String kids;
                Member mother;
                if (married) {
                    String shared = r.nextInt(100) < 8 ? doubleBarrel(motherBase, fatherBase) : fatherBase;
                    father.family = Names.surnameFor(shared, 'M');
                    mother = person(r, Role.MOTHER, 'F', motherAge, her, shared, taken);
                    kids = shared;
                } else {
                    mother = person(r, Role.MOTHER, 'F', motherAge, her, womanSurname(r, her, motherBase), taken);
                    int x = r.nextInt(100);
                    kids = x < 60 ? fatherBase : x < 72 ? motherBase : doubleBarrel(motherBase, fatherBase);
                }
                h.members.add(mother);
                h.members.add(father);
                addChildren(r, h, nChildren, Math.min(motherAge, fatherAge), her, kids, taken, true);
            }
            case LONE_PARENT -> {
                boolean loneFather = r.nextInt(100) < 12;
                if (loneFather) {
                    int age = Math.max(20, motherAge + r.nextInt(6));
                    h.members.add(person(r, Role.FATHER, 'M', age, fatherHer, fatherBase, taken));
                    addChildren(r, h, nChildren, age, fatherHer, fatherBase, taken, true);
                } else {
                    h.members.add(person(r, Role.MOTHER, 'F', motherAge, her, womanSurname(r, her, motherBase), taken));
                    addChildren(r, h, nChildren, motherAge, her, r.nextInt(100) < 55 ? motherBase : fatherBase, taken, false);
                }
            }
            case FATHER_ELSEWHERE -> {
                Member mother = person(r, Role.MOTHER, 'F', motherAge, her, womanSurname(r, her, motherBase), taken);
                int fatherAge = Math.max(19, motherAge - 1 + r.nextInt(10));
                Member father = person(r, Role.FATHER, 'M', fatherAge, fatherHer, fatherBase, taken);
                father.livesElsewhere = true;
                father.home = home(r, 3L * h.index + 2);
                h.members.add(mother);
                h.members.add(father);
                addChildren(r, h, nChildren, Math.min(motherAge, fatherAge), her, r.nextInt(100) < 60 ? fatherBase : motherBase, taken, true);
            }
            case STEP_FAMILY -> {
                motherAge = Math.max(motherAge, 26);
                Member mother = person(r, Role.MOTHER, 'F', motherAge, her, motherBase, taken);
                Member step = person(r, Role.STEPFATHER, 'M', Math.max(21, motherAge - 3 + r.nextInt(10)), fatherHer, fatherBase, taken);
                if (r.nextBoolean()) {
                    mother.family = Names.surnameFor(fatherBase, 'F');
                }
                h.members.add(mother);
                h.members.add(step);
                Heritage exHer = partnerHeritage(r, her);
                String exBase = Names.surname(r, exHer);
                int older = Math.max(1, nChildren - (r.nextBoolean() ? 1 : 0));
                // children of the mother's previous relationship: older, their father's surname
                addChildren(r, h, older, motherAge, her, exBase, taken, false, 4, 17);
                // a joint child, younger, the stepfather's surname
                addChildren(r, h, nChildren - older, motherAge, her, fatherBase, taken, true, 0, 3);
            }
            case KINSHIP_CARE -> {
                int gAge = 48 + r.nextInt(22);
                Member gm = person(r, Role.GRANDMOTHER, 'F', gAge, her, motherBase, taken);
                h.members.add(gm);
                if (r.nextInt(100) < 40) {
                    Member gf = person(r, Role.GRANDFATHER, 'M', gAge + r.nextInt(5), her, motherBase, taken);
                    gf.family = Names.surnameFor(motherBase, 'M');
                    h.members.add(gf);
                }
                // grandchildren through a son (same surname) or a daughter (her partner's surname)
                addChildren(r, h, nChildren, gAge - 22, her, r.nextBoolean() ? motherBase : fatherBase, taken, false);
            }
            case LONE_PARENT_WITH_GRANDPARENT -> {
                motherAge = Math.min(motherAge, 38);
                Member mother = person(r, Role.MOTHER, 'F', motherAge, her, womanSurname(r, her, motherBase), taken);
                Member gm = person(r, Role.GRANDMOTHER, 'F', motherAge + 19 + r.nextInt(12), her, motherBase, taken);
                h.members.add(mother);
                h.members.add(gm);
                addChildren(r, h, nChildren, motherAge, her, r.nextBoolean() ? motherBase : fatherBase, taken, false);
            }
        }
    }

    private void addChildren(SplittableRandom r, Household h, int n, int parentAge, Heritage her, String surname,
                             List<String> taken, boolean childOfMan) {
        addChildren(r, h, n, parentAge, her, surname, taken, childOfMan, 0, 17);
    }

    private void addChildren(SplittableRandom r, Household h, int n, int parentAge, Heritage her, String surname,
                             List<String> taken, boolean childOfMan, int minAge, int maxAge) {
        int hi = Math.min(maxAge, parentAge - 17);
        if (hi < minAge) {
            hi = minAge;
        }
        List<Member> kids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int age = minAge + r.nextInt(hi - minAge + 1);
            char sex = r.nextBoolean() ? 'M' : 'F';
            Member c = person(r, Role.CHILD, sex, age, her, surname, taken);
            c.childOfMan = childOfMan;
            if (!kids.isEmpty() && r.nextInt(100) < 3) {
                c.dob = kids.get(kids.size() - 1).dob; // twins
            }
            kids.add(c);
        }
        kids.sort(Comparator.comparing((Member m) -> m.dob));
        h.members.addAll(kids);
    }

    // ---- schools ----

    private void schools(SplittableRandom r, Household h) {
        int familyPrimary = r.nextInt(catalogue.primaries.size());
        int familySecondary = catalogue.primaries.size() + r.nextInt(catalogue.secondaries.size());
        for (Member c : h.children()) {
            // siblings mostly share schools; step-children more often go elsewhere
            int moveOdds = h.kind == Kind.STEP_FAMILY && !c.childOfMan ? 35 : 12;
            c.primary = r.nextInt(100) < moveOdds ? r.nextInt(catalogue.primaries.size()) : familyPrimary;
            c.secondary = r.nextInt(100) < moveOdds
                    ? catalogue.primaries.size() + r.nextInt(catalogue.secondaries.size()) : familySecondary;
            c.sixthForm = r.nextInt(100) < 45;
            c.attendance = 0.92 + r.nextDouble() * 0.075;
            if (r.nextInt(100) < 4) {
                c.persistentAbsence = true;
                c.attendance = 0.72 + r.nextDouble() * 0.16;
            }
            c.excludable = r.nextInt(100) < 5;
        }
    }

    /** Year group in an academic year starting {@code yearStart}: 0 = Reception … 13 = Year 13; negative = not yet at school. */
    static int yearGroup(Member c, int yearStart) {
        return java.time.Period.between(c.dob, LocalDate.of(yearStart, 8, 31)).getYears() - 4;
    }

    // ---- needs ----

    private void needs(SplittableRandom r, Household h) {
        int x = r.nextInt(100);
        int k = x < 47 ? 0 : x < 79 ? 1 : x < 91 ? 2 : x < 97 ? 3 : 4;
        List<Need> candidates = new ArrayList<>(List.of(Need.values()));
        int[] weights = {18, 20, 14, 22, 12, 14};
        boolean schoolAge = h.children().stream().anyMatch(c -> c.ageOn(today) >= 5 && c.ageOn(today) <= 16);
        boolean anyChild = !h.children().isEmpty();
        for (int i = 0; i < k; i++) {
            int total = 0;
            for (Need n : candidates) {
                total += feasible(n, schoolAge, anyChild) ? weights[n.ordinal()] : 0;
            }
            if (total == 0) {
                break;
            }
            int y = r.nextInt(total);
            for (Need n : candidates) {
                int w = feasible(n, schoolAge, anyChild) ? weights[n.ordinal()] : 0;
                if (y < w) {
                    h.needs.add(n);
                    candidates.remove(n);
                    break;
                }
                y -= w;
            }
        }
        if (h.needs.contains(Need.SCHOOL_ATTENDANCE)) {
            List<Member> pupils = h.children().stream().filter(c -> c.ageOn(today) >= 5 && c.ageOn(today) <= 16).toList();
            Member c = Names.pick(r, pupils);
            c.persistentAbsence = true;
            c.attendance = 0.70 + r.nextDouble() * 0.17;
            c.excludable = c.ageOn(today) >= 11 || r.nextInt(100) < 20;
            for (Member other : pupils) {
                if (other != c && r.nextInt(100) < 35) {
                    other.persistentAbsence = true;
                    other.attendance = 0.78 + r.nextDouble() * 0.10;
                }
            }
        }
        int pncYear = 2000 + r.nextInt(Math.max(1, today.getYear() - 2000));
        boolean offending = h.needs.contains(Need.CRIME_ASB) || h.needs.contains(Need.DOMESTIC_ABUSE);
        for (Member m : h.members) {
            int age = m.ageOn(today);
            boolean offender = offending && (m.sex == 'M' && m.isAdult() || !m.isAdult() && age >= 12) && r.nextInt(100) < 70;
            if (offender || (m.isAdult() && r.nextInt(100) < 4)) {
                int year = Math.max(m.dob.getYear() + 12, Math.min(pncYear, today.getYear()));
                m.pnc = Ids.pnc(m.number, Math.min(year, today.getYear()), salt);
            }
        }
    }

    private static boolean feasible(Need n, boolean schoolAge, boolean anyChild) {
        return switch (n) {
            case SCHOOL_ATTENDANCE -> schoolAge;
            case CHILDREN_NEED_HELP -> anyChild;
            default -> true;
        };
    }

    long salt() {
        return salt;
    }
}
