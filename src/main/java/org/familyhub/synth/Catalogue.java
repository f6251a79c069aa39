package org.familyhub.synth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Estate-wide reference data, made once from the seed: schools, terms, workers, landlords. */
final class Catalogue {

    record Worker(String given, String family, String title, String team, String phone, String email) {
        String name() {
            return (title.isEmpty() ? "" : title + " ") + given + " " + family;
        }

        String initialName() {
            return given.charAt(0) + " " + family;
        }
    }

    record School(int index, String urn, String name, boolean secondary, Worker attendanceOfficer) {
    }

    record Term(String academicYear, int yearStart, String name, LocalDate start, LocalDate end, int sessions) {
    }

    record Landlord(String name, String refPrefix, List<Worker> officers) {
    }

    final List<School> primaries = new ArrayList<>();
    final List<School> secondaries = new ArrayList<>();
    final List<Term> terms;                 // the last three terms, oldest first
    final List<Worker> police = new ArrayList<>();
    final List<Worker> probation = new ArrayList<>();
    final List<Worker> healthVisitors = new ArrayList<>();
    final List<Worker> schoolNurses = new ArrayList<>();
    final List<Worker> mentalHealth = new ArrayList<>();
    final List<Worker> camhs = new ArrayList<>();
    final List<Worker> substance = new ArrayList<>();
    final List<Worker> longTerm = new ArrayList<>();
    final List<Landlord> landlords = new ArrayList<>();

    private static final String[] PRIMARY_NAMES = ("Oak, Willow, Hollybush, Spon Gate, Whitmore Park, Stoke Park, "
            + "St Bartholomew's CE, Our Lady of the Assumption Catholic, Grangehurst, Moat House, Aldermoor Farm, Templars, "
            + "Howes, Park Hill, Radford, Holbrook, Longford Park, Gosford Park, Parkgate, Hill Farm, Southfields, Sherbourne, "
            + "Charter, Whoberley Hall, Allesley Hall, Walsgrave CE, Wyken Croft, Henley Green, Ernesford Grange, Willenhall, "
            + "Stivichall, Earlsdon, Clifford Bridge, Manor Park, Frederick Bird, Edgewick, John Shelton, Richard Lee, "
            + "Little Heath, Courthouse Green, Eden Road, Broad Heath, Foxford, Finham, Canley Vale, Limbrick Wood, "
            + "Meadow Park, Sowe Valley, Three Spires, Priory Fields").split(",\\s*");
    private static final String[] SECONDARY_NAMES = ("Caludon Park Academy, Lyng Hall School, Foxford Academy, "
            + "Ernesford Grange Academy, Tile Hill Wood School, Sidney Stringer Academy, Whitley Academy, Stoke Park School, "
            + "Cardinal Wiseman Catholic School, Coundon Court, Finham Park School, Woodlands Academy, Barr's Hill School, "
            + "Blue Coat CE School, President Kennedy School, Ash Green School, Lydgate Academy, Wyken Vale School, "
            + "Sherbourne Fields School, Godiva Academy").split(",\\s*");

    Catalogue(long seed, int families, LocalDate today) {
        SplittableRandom r = new SplittableRandom(Ids.mix(seed, 0xCA7A10L, 0));
        int nPrimary = Math.max(6, Math.min(PRIMARY_NAMES.length, families / 60));
        int nSecondary = Math.max(3, Math.min(SECONDARY_NAMES.length, families / 250));
        int urn = 103_700 + r.nextInt(200);
        for (int i = 0; i < nPrimary; i++) {
            String name = PRIMARY_NAMES[i] + " Primary School";
            urn += 1 + r.nextInt(40);
            primaries.add(new School(i, String.valueOf(urn), name, false, worker(r, "", "Attendance", slug(PRIMARY_NAMES[i]) + ".sch.example")));
        }
        int surn = 137_100 + r.nextInt(200);
        for (int i = 0; i < nSecondary; i++) {
            String name = SECONDARY_NAMES[i];
            surn += 1 + r.nextInt(40);
            String domain = slug(name.replaceAll(" (School|Academy)$", "")) + ".sch.example";
            secondaries.add(new School(nPrimary + i, String.valueOf(surn), name, true, worker(r, "", "Attendance", domain)));
        }
        terms = lastThreeTerms(today);
        int scale = Math.max(1, families / 400);
        String[] teams = {"Coventry North NPT", "Coventry South NPT", "Coventry East NPT", "Coventry West NPT", "Coventry Central NPT",
                "Public Protection Unit", "Force Response"};
        String[] titles = {"PC", "PC", "PC", "DC", "PS", "DS"};
        for (int i = 0; i < Math.min(200, 6 + 3 * scale); i++) {
            police.add(worker(r, titles[r.nextInt(titles.length)], teams[r.nextInt(teams.length)], "westmidlands.police.example"));
        }
        String[] probationTeams = {"Coventry North", "Coventry South", "Coventry Central", "Coventry Domestic Abuse Unit"};
        for (int i = 0; i < Math.min(100, 3 + scale); i++) {
            probation.add(worker(r, "", probationTeams[r.nextInt(probationTeams.length)], "probation.example"));
        }
        for (int i = 0; i < Math.min(100, 3 + scale); i++) {
            healthVisitors.add(worker(r, "", "Family Health and Lifestyles", "fhl.nhs.example"));
            schoolNurses.add(worker(r, "", "School Nursing", "fhl.nhs.example"));
            mentalHealth.add(worker(r, "Dr", "Adult Community Mental Health", "cwpt.nhs.example"));
            camhs.add(worker(r, "", "CAMHS Coventry", "cwpt.nhs.example"));
            substance.add(worker(r, "", "Coventry Recovery Service", "recovery.nhs.example"));
            longTerm.add(worker(r, "", "Community Nursing", "uhcw.nhs.example"));
        }
        String[][] ll = {{"Three Spires Homes", "TSH"}, {"Whitefriars Housing Trust", "WHT"}, {"Godiva Homes", "GOD"},
                {"Midland Heart Coventry", "MHC"}};
        for (String[] l : ll) {
            List<Worker> officers = new ArrayList<>();
            for (int i = 0; i < Math.min(50, 2 + scale); i++) {
                officers.add(worker(r, "", l[0], slug(l[0]) + ".example"));
            }
            landlords.add(new Landlord(l[0], l[1], officers));
        }
    }

    List<School> all() {
        List<School> out = new ArrayList<>(primaries);
        out.addAll(secondaries);
        return out;
    }

    School school(int index) {
        return index < primaries.size() ? primaries.get(index) : secondaries.get(index - primaries.size());
    }

    private static Worker worker(SplittableRandom r, String title, String team, String domain) {
        Names.Heritage h = Names.heritage(r);
        char sex = r.nextBoolean() ? 'M' : 'F';
        String given = Names.given(r, h, sex, false);
        String family = Names.surnameFor(Names.surname(r, h), sex);
        String phone = String.format("024 76%02d %04d", r.nextInt(100), r.nextInt(10_000));
        String email = slug(Names.ascii(given)) + "." + slug(Names.ascii(family)) + "@" + domain;
        return new Worker(given, family, title, team, phone, email);
    }

    static String slug(String s) {
        return Names.ascii(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }

    /** The three most recent terms that have run for at least two weeks by {@code today}, oldest first. */
    static List<Term> lastThreeTerms(LocalDate today) {
        List<Term> all = new ArrayList<>();
        for (int y = today.getYear() - 2; y <= today.getYear(); y++) {
            String label = y + "/" + String.format("%02d", (y + 1) % 100);
            all.add(term(label, y, "AUTUMN", LocalDate.of(y, 9, 3), LocalDate.of(y, 12, 19), today));
            all.add(term(label, y, "SPRING", LocalDate.of(y + 1, 1, 6), LocalDate.of(y + 1, 3, 28), today));
            all.add(term(label, y, "SUMMER", LocalDate.of(y + 1, 4, 14), LocalDate.of(y + 1, 7, 22), today));
        }
        List<Term> started = all.stream().filter(t -> !t.start().plusDays(14).isAfter(today)).toList();
        return started.subList(started.size() - 3, started.size());
    }

    private static Term term(String label, int yearStart, String name, LocalDate start, LocalDate end, LocalDate today) {
        LocalDate last = end.isBefore(today) ? end : today;
        int sessions = 0;
        for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                sessions += 2;
            }
        }
        // a half-term week off
        if (last.isAfter(start.plusWeeks(8))) {
            sessions -= 10;
        }
        return new Term(label, yearStart, name, start, end, Math.max(sessions, 0));
    }
}
