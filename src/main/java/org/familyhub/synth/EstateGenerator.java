package org.familyhub.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.commons.csv.CSVPrinter;
import org.familyhub.synth.Catalogue.School;
import org.familyhub.synth.Catalogue.Term;
import org.familyhub.synth.Catalogue.Worker;
import org.familyhub.synth.Household.Kind;
import org.familyhub.synth.Household.Need;
import org.familyhub.synth.Member.Role;
import org.familyhub.synth.Outputs.CsvSeries;
import org.familyhub.synth.Outputs.Series;

/**
 * Deterministic synthetic estate: N families and the six partner feeds about them, with realistic noise, about 1% of
 * malformed records, and ground truth. Plain Java; one pass over the families, every partner streamed to its own
 * files, so memory stays flat whatever N is.
 *
 * <p>Determinism: each family is built from its own {@link SplittableRandom} seeded by (seed, family index); the
 * noise of its records from a second stream; malformations from one stream per partner. No hash-order iteration, no
 * clock other than {@code today}.
 */
public final class EstateGenerator {

    public static final List<String> PARTNERS = List.of("police", "school", "health", "probation", "housing", "dwp");

    public static final String[] POLICE_HEADER = ("incident_ref,occurred_at,category,role,given_name,family_name,date_of_birth,sex,"
            + "address_line1,address_line2,town,postcode,uprn,pnc_id,officer_name,officer_team,officer_phone,officer_email").split(",");
    public static final String[] HOUSING_HEADER = ("tenancy_ref,uprn,address_line1,address_line2,town,postcode,given_name,family_name,"
            + "date_of_birth,relationship_to_tenant,rent_arrears_gbp,asb_complaints_12m,notice_seeking_possession,"
            + "housing_officer_name,housing_officer_phone,housing_officer_email").split(",");
    public static final String[] DWP_HEADER =
            "match_ref,nino,given_name,family_name,date_of_birth,postcode,benefit,claim_start,work_status".split(",");
    public static final String[] GROUND_TRUTH_HEADER = "partner,source_record_id,person_id,family_id,malformed".split(",");
    public static final String[] PEOPLE_HEADER = ("person_id,family_id,household_type,role,given_name,family_name,date_of_birth,"
            + "sex,nhs_number,upn,nino,pnc_id,crn,uprn,postcode,lives_elsewhere").split(",");
    public static final String[] FAMILIES_HEADER =
            "family_id,household_type,heritage,members,social_housing,moved_on,needs".split(",");

    public static final String NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String EPISODE_SYSTEM = "https://familyhub.example/episode-type";
    static final String FHIR_BASE = "https://fhir.health.example/R4/";

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    public EstateSummary generate(int families, long seed, Path outDir, int batchSize, LocalDate today) {
        if (families < 1) {
            throw new IllegalArgumentException("families must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        try {
            Files.createDirectories(outDir);
            for (String p : PARTNERS) {
                clean(outDir.resolve(p), p);
            }
            try (Run run = new Run(families, seed, outDir, batchSize, today)) {
                run.execute();
                run.close();
                return run.summary();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes this generator's own earlier files of a partner, so a smaller run leaves no stale batches. */
    private static void clean(Path dir, String partner) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, partner + "-[0-9][0-9][0-9]*.*")) {
            for (Path p : ds) {
                Files.delete(p);
            }
        }
    }

    /** One generation: all writers open, one pass over the families. */
    private static final class Run implements AutoCloseable {
        private final int families;
        private final long seed;
        private final Path out;
        private final LocalDate today;
        private final Catalogue cat;
        private final FamilyFactory factory;

        private final CsvSeries police;
        private final SchoolSeries school;
        private final HealthSeries health;
        private final ProbationSeries probation;
        private final CsvSeries housing;
        private final CsvSeries dwp;
        private final CSVPrinter truth;
        private final CSVPrinter people;
        private final CSVPrinter familyTruth;

        private final Malformer badPolice;
        private final Malformer badSchool;
        private final Malformer badHealth;
        private final Malformer badProbation;
        private final Malformer badHousing;
        private final Malformer badDwp;

        private long incidentSeq;
        private long episodeSeq;
        private long matchSeq;
        private long peopleCount;
        private int twoOrMore;
        private boolean closed;

        /** Noise for the records of the family being written. */
        private SplittableRandom nr;

        Run(int families, long seed, Path out, int batchSize, LocalDate today) throws IOException {
            this.families = families;
            this.seed = seed;
            this.out = out;
            this.today = today;
            this.cat = new Catalogue(seed, families, today);
            this.factory = new FamilyFactory(seed, cat, today);
            police = new CsvSeries(out, "police", batchSize, POLICE_HEADER);
            school = new SchoolSeries(out, batchSize, cat.all().size() * cat.terms.size());
            health = new HealthSeries(out, batchSize);
            probation = new ProbationSeries(out, batchSize);
            housing = new CsvSeries(out, "housing", batchSize, HOUSING_HEADER);
            dwp = new CsvSeries(out, "dwp", batchSize, DWP_HEADER);
            truth = printer(out.resolve("ground-truth.csv"), GROUND_TRUTH_HEADER);
            people = printer(out.resolve("ground-truth-people.csv"), PEOPLE_HEADER);
            familyTruth = printer(out.resolve("ground-truth-families.csv"), FAMILIES_HEADER);
            badPolice = new Malformer(seed, "police", "impossible-date", "unknown-enum", "wrong-field-count", "bad-pnc");
            badSchool = new Malformer(seed, "school", "bad-upn", "impossible-date", "unknown-enum");
            badHealth = new Malformer(seed, "health", "bad-nhs-number", "impossible-date", "unknown-enum");
            badProbation = new Malformer(seed, "probation", "impossible-date", "unknown-enum", "bad-crn");
            badHousing = new Malformer(seed, "housing", "impossible-date", "unknown-enum", "wrong-field-count");
            badDwp = new Malformer(seed, "dwp", "bad-nino", "impossible-date", "unknown-enum", "wrong-field-count");
        }

        private static CSVPrinter printer(Path p, String[] header) throws IOException {
            CSVPrinter printer = new CSVPrinter(Outputs.utf8(p), Outputs.CSV);
            printer.printRecord((Object[]) header);
            return printer;
        }

        void execute() throws IOException {
            long person = 1;
            for (int i = 0; i < families; i++) {
                Household h = factory.make(i, person);
                person += h.members.size();
                peopleCount += h.members.size();
                nr = new SplittableRandom(Ids.mix(seed, i, 0x4015EL));
                policeRecords(h);
                schoolRecords(h);
                healthRecords(h);
                probationRecords(h);
                housingRecords(h);
                dwpRecords(h);
                truthRecords(h);
                if (h.needs.size() >= 2) {
                    twoOrMore++;
                }
            }
        }

        EstateSummary summary() {
            Map<String, EstateSummary.PartnerCount> m = new LinkedHashMap<>();
            for (Series s : List.of(police, school, health, probation, housing, dwp)) {
                m.put(s.partner, new EstateSummary.PartnerCount(s.files, s.records, s.malformed));
            }
            return new EstateSummary(families, peopleCount, m, twoOrMore, out.resolve("ground-truth.csv"));
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            police.close();
            school.close();
            health.close();
            probation.close();
            housing.close();
            dwp.close();
            truth.close(true);
            people.close(true);
            familyTruth.close(true);
        }

        private void truth(String partner, String key, Member m, Household h, String malformed) throws IOException {
            truth.printRecord(partner, key, m.id, h.id, malformed == null ? "" : malformed);
        }

        private void truthRecords(Household h) throws IOException {
            for (Member m : h.members) {
                people.printRecord(m.id, h.id, h.kind, m.role, m.given, m.family, m.dob, String.valueOf(m.sex), m.nhs,
                        nz(m.upn), nz(m.nino), nz(m.pnc), nz(m.crn), m.home.uprn(), m.home.postcode(), m.livesElsewhere ? "Y" : "N");
            }
            StringBuilder needs = new StringBuilder();
            for (Need n : h.needs) {
                needs.append(needs.length() == 0 ? "" : ";").append(n.name());
            }
            familyTruth.printRecord(h.id, h.kind, h.heritage, h.members.size(), h.socialHousing ? "Y" : "N",
                    h.movedOn == null ? "" : h.movedOn.toString(), needs);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }

        private LocalDate daysAgo(SplittableRandom r, int max) {
            return today.minusDays(r.nextInt(max));
        }

        // ================= police =================

        private record Part(Member m, String role) {
        }

        private void policeRecords(Household h) throws IOException {
            SplittableRandom r = nr;
            List<Member> adults = h.adults();
            List<Member> kids = h.children();
            Member man = adults.stream().filter(a -> a.sex == 'M').findFirst().orElse(null);
            Member woman = adults.stream().filter(a -> a.sex == 'F').findFirst().orElse(null);
            if (h.needs.contains(Need.CRIME_ASB)) {
                List<Member> teens = kids.stream().filter(c -> c.ageOn(today) >= 12).toList();
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    boolean asb = r.nextInt(100) < 60;
                    List<Part> parts = new ArrayList<>();
                    Member main = !teens.isEmpty() && r.nextInt(100) < 70 ? Names.pick(r, teens) : man != null ? man : woman;
                    parts.add(new Part(main, asb ? "SUSPECT" : r.nextBoolean() ? "OFFENDER" : "SUSPECT"));
                    if (r.nextInt(100) < 50) {
                        Member other = Names.pick(r, h.members);
                        if (other != main && (other.isAdult() || other.ageOn(today) >= 8)) {
                            parts.add(new Part(other, other.isAdult() ? "WITNESS" : "SUSPECT"));
                        }
                    }
                    incident(h, asb ? "ASB" : "CRIME", parts);
                }
            }
            if (h.needs.contains(Need.DOMESTIC_ABUSE)) {
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    List<Part> parts = new ArrayList<>();
                    if (woman != null) {
                        if (man != null) {
                            parts.add(new Part(man, r.nextInt(100) < 30 ? "OFFENDER" : "SUSPECT"));
                        }
                        parts.add(new Part(woman, "VICTIM"));
                    } else {
                        parts.add(new Part(man, "VICTIM")); // abused by an ex-partner outside the estate
                    }
                    for (Member c : kids) {
                        if (c.ageOn(today) >= 3 && r.nextInt(100) < 50) {
                            parts.add(new Part(c, "WITNESS"));
                        }
                    }
                    incident(h, "DOMESTIC_ABUSE", parts);
                }
            }
            if (h.needs.contains(Need.CHILDREN_NEED_HELP) && !kids.isEmpty()) {
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    List<Member> older = kids.stream().filter(c -> c.ageOn(today) >= 10).toList();
                    List<Part> parts = new ArrayList<>();
                    if (!older.isEmpty() && r.nextInt(100) < 40) {
                        parts.add(new Part(Names.pick(r, older), "SUBJECT"));
                        parts.add(new Part(adults.get(0), "WITNESS"));
                        incident(h, "MISSING_PERSON", parts);
                    } else {
                        parts.add(new Part(Names.pick(r, kids), "SUBJECT"));
                        for (Member a : adults) {
                            if (!a.livesElsewhere || r.nextInt(100) < 30) {
                                parts.add(new Part(a, "SUBJECT"));
                            }
                        }
                        incident(h, "CHILD_CONCERN", parts);
                    }
                }
            }
            int x = r.nextInt(100);
            if (x < 4) {
                incident(h, "CRIME", List.of(new Part(Names.pick(r, adults), "VICTIM")));
            } else if (x < 7) {
                incident(h, "ASB", List.of(new Part(Names.pick(r, adults), "WITNESS")));
            }
        }

        private void incident(Household h, String category, List<Part> parts) throws IOException {
            SplittableRandom r = nr;
            String ref = String.format("INC-%07d", ++incidentSeq);
            LocalDate day = daysAgo(r, 540);
            String occurred = ZonedDateTime.of(day, LocalTime.of(r.nextInt(24), r.nextInt(12) * 5), LONDON).format(OFFSET_TIME);
            Worker officer = Names.pick(r, cat.police);
            Set<String> keys = new HashSet<>();
            for (Part p : parts) {
                Member m = p.m();
                String bad = badPolice.next();
                if ("bad-pnc".equals(bad) && m.ageOn(day) < 10) {
                    bad = "impossible-date"; // no child under 10 has a PNC record
                }
                String given = Noise.given(r, m.given, 1.0);
                String family = Noise.family(r, m.family, 1.0);
                String dob = r.nextInt(100) < 2 && p.role().equals("WITNESS") ? "" : Noise.dob(r, m.dob, 1.0, today).toString();
                if (!keys.add(given + "|" + family + "|" + dob)) {
                    given = m.given;
                    family = m.family;
                    dob = m.dob.toString();
                    keys.add(given + "|" + family + "|" + dob);
                }
                Home home = h.homeOn(m, day);
                boolean offenderRole = !p.role().equals("VICTIM") && !p.role().equals("WITNESS");
                String pnc = m.pnc != null && offenderRole && r.nextInt(100) < 85 ? m.pnc : "";
                String cat = category;
                String role = p.role();
                if ("impossible-date".equals(bad)) {
                    dob = Noise.impossible(m.dob);
                } else if ("unknown-enum".equals(bad)) {
                    if (r.nextBoolean()) {
                        cat = "ANTISOCIAL_BEHAVIOUR";
                    } else {
                        role = "PERPETRATOR";
                    }
                } else if ("bad-pnc".equals(bad)) {
                    pnc = (2000 + r.nextInt(25)) + "/" + String.format("%05d", r.nextInt(100_000));
                }
                List<String> row = new ArrayList<>(Arrays.asList(ref, occurred, cat, role, given, family, dob,
                        String.valueOf(m.sex), home.line1(), home.line2(), home.town(), home.postcode(),
                        r.nextInt(100) < 75 ? home.uprn() : "", pnc, officer.name(), officer.team(), officer.phone(), officer.email()));
                if ("wrong-field-count".equals(bad)) {
                    if (r.nextBoolean()) {
                        row.remove(row.size() - 1);
                    } else {
                        row.add("");
                    }
                }
                police.print(row, bad);
                truth("police", ref + "|" + given.trim() + "|" + family.trim() + "|" + dob, m, h, bad);
            }
        }

        // ================= school =================

        private void schoolRecords(Household h) throws IOException {
            SplittableRandom r = nr;
            List<Term> terms = cat.terms;
            for (int t = 0; t < terms.size(); t++) {
                Term term = terms.get(t);
                for (Member c : h.children()) {
                    int yg = FamilyFactory.yearGroup(c, term.yearStart());
                    int schoolIndex;
                    if (yg >= 0 && yg <= 6) {
                        schoolIndex = c.primary;
                    } else if (yg >= 7 && yg <= 11 || yg >= 12 && yg <= 13 && c.sixthForm) {
                        schoolIndex = c.secondary;
                    } else {
                        continue;
                    }
                    pupil(h, c, cat.school(schoolIndex), t, term, yg, r);
                }
            }
        }

        private void pupil(Household h, Member c, School s, int t, Term term, int yg, SplittableRandom r) throws IOException {
            String bad = badSchool.next();
            String upn = "bad-upn".equals(bad) ? Ids.badUpn(c.upn) : c.upn;
            String dob = "impossible-date".equals(bad) ? Noise.impossible(c.dob) : Noise.dob(r, c.dob, 0.3, today).toString();
            Home home = h.homeOn(c, term.start());
            int possible = term.sessions();
            double rate = c.attendance + (r.nextDouble() - 0.5) * 0.04;
            if (c.persistentAbsence) {
                rate = Math.min(rate, 0.895);
            } else {
                rate = Math.max(rate, 0.905);
            }
            rate = Math.min(1.0, Math.max(0.4, rate));
            int absent = (int) Math.round(possible * (1 - rate));
            int unauth = (int) Math.round(absent * (c.persistentAbsence ? 0.4 + r.nextDouble() * 0.35 : 0.1 + r.nextDouble() * 0.25));
            StringBuilder b = new StringBuilder(900);
            b.append("  <Pupil>\n    <UPN>").append(Outputs.xml(upn)).append("</UPN>\n    <Forename>")
                    .append(Outputs.xml(Noise.given(r, c.given, 0.3))).append("</Forename><Surname>")
                    .append(Outputs.xml(Noise.family(r, c.family, 0.3))).append("</Surname><DOB>").append(dob)
                    .append("</DOB><Sex>").append(c.sex).append("</Sex>\n");
            b.append("    <Address><Line1>").append(Outputs.xml(home.line1())).append("</Line1>");
            if (home.line2().isEmpty()) {
                b.append("<Line2/>");
            } else {
                b.append("<Line2>").append(Outputs.xml(home.line2())).append("</Line2>");
            }
            b.append("<Town>").append(home.town()).append("</Town><Postcode>").append(home.postcode())
                    .append("</Postcode><UPRN>").append(home.uprn()).append("</UPRN></Address>\n");
            b.append("    <SessionsPossible>").append(possible).append("</SessionsPossible>\n");
            b.append("    <SessionsAuthorisedAbsence>").append(absent - unauth).append("</SessionsAuthorisedAbsence>\n");
            b.append("    <SessionsUnauthorisedAbsence>").append(unauth).append("</SessionsUnauthorisedAbsence>\n");
            int odds = c.excludable ? (s.secondary() ? 40 : 15) : (s.secondary() ? 2 : 0);
            boolean excluded = yg >= 2 && r.nextInt(1000) < odds * 10;
            if (excluded || "unknown-enum".equals(bad)) {
                LocalDate last = term.end().isBefore(today) ? term.end() : today;
                int span = (int) Math.max(1, last.toEpochDay() - term.start().toEpochDay());
                LocalDate start = term.start().plusDays(r.nextInt(span));
                String type = "unknown-enum".equals(bad) ? "FIXED_TERM" : r.nextInt(100) < 3 && s.secondary() ? "PERMANENT" : "SUSPENSION";
                b.append("    <Exclusion type=\"").append(type).append("\" start=\"").append(start).append("\" days=\"")
                        .append(1 + r.nextInt(5)).append("\"/>\n");
            }
            Worker w = s.attendanceOfficer();
            b.append("    <Contact role=\"Attendance officer\" name=\"").append(Outputs.xml(w.initialName())).append("\" phone=\"")
                    .append(w.phone()).append("\" email=\"").append(w.email()).append("\"/>\n");
            for (Member a : h.adults()) {
                String rel = switch (a.role) {
                    case MOTHER -> "MOTHER";
                    case FATHER -> c.childOfMan ? "FATHER" : null;
                    case STEPFATHER -> c.childOfMan ? "FATHER" : "STEPFATHER";
                    case GRANDMOTHER -> h.kind == Kind.KINSHIP_CARE || r.nextInt(100) < 30 ? "GRANDMOTHER" : null;
                    case GRANDFATHER -> "GRANDFATHER";
                    default -> null;
                };
                if (rel == null || a.livesElsewhere && r.nextInt(100) < 40) {
                    continue;
                }
                b.append("    <Parent relationship=\"").append(rel).append("\"><Forename>")
                        .append(Outputs.xml(Noise.given(r, a.given, 0.6))).append("</Forename><Surname>")
                        .append(Outputs.xml(Noise.family(r, a.family, 0.6))).append("</Surname></Parent>\n");
            }
            b.append("  </Pupil>\n");
            school.write(s, t, term, b, bad);
            truth("school", s.urn() + "|" + upn + "|" + term.academicYear() + "|" + term.name(), c, h, bad);
        }

        // ================= health =================

        private record Episode(Member m, String type, LocalDate start, LocalDate end, List<Worker> pool, String org) {
        }

        private static final String CWPT = "Coventry and Warwickshire Partnership NHS Trust";
        private static final String FHL = "Coventry Family Health and Lifestyles Service";

        private void healthRecords(Household h) throws IOException {
            SplittableRandom r = nr;
            List<Episode> eps = new ArrayList<>();
            boolean healthNeed = h.needs.contains(Need.HEALTH);
            boolean childNeed = h.needs.contains(Need.CHILDREN_NEED_HELP);
            for (Member c : h.children()) {
                int age = c.ageOn(today);
                if (age < 5 && r.nextInt(100) < (healthNeed || childNeed ? 85 : 35)) {
                    eps.add(new Episode(c, "HEALTH_VISITING", c.dob.plusDays(10 + r.nextInt(5)), null, cat.healthVisitors, FHL));
                } else if (age >= 5 && age <= 16 && r.nextInt(100) < (healthNeed ? 15 : 3)) {
                    eps.add(episode(r, c, "SCHOOL_NURSING", cat.schoolNurses, FHL));
                }
            }
            if (healthNeed) {
                int n = 1 + (r.nextInt(100) < 35 ? 1 : 0);
                List<Member> olderKids = h.children().stream().filter(c -> c.ageOn(today) >= 8).toList();
                for (int i = 0; i < n; i++) {
                    int x = r.nextInt(100);
                    Member adult = Names.pick(r, h.adults());
                    if (x < 40) {
                        eps.add(episode(r, adult, "ADULT_MENTAL_HEALTH", cat.mentalHealth, CWPT));
                    } else if (x < 65 && !olderKids.isEmpty()) {
                        eps.add(episode(r, Names.pick(r, olderKids), "CAMHS", cat.camhs, CWPT));
                    } else if (x < 85) {
                        eps.add(episode(r, Names.pick(r, h.members), "LONG_TERM_CONDITION", cat.longTerm,
                                "University Hospitals Coventry and Warwickshire NHS Trust"));
                    } else {
                        eps.add(episode(r, adult, "SUBSTANCE_MISUSE", cat.substance, "Coventry Recovery Service"));
                    }
                }
            } else if (r.nextInt(100) < 3) {
                eps.add(episode(r, Names.pick(r, h.members), "LONG_TERM_CONDITION", cat.longTerm,
                        "University Hospitals Coventry and Warwickshire NHS Trust"));
            }
            // a person's episodes together, in member order
            for (Member m : h.members) {
                for (Episode e : eps) {
                    if (e.m() == m) {
                        writeEpisode(h, e, r);
                    }
                }
            }
        }

        private Episode episode(SplittableRandom r, Member m, String type, List<Worker> pool, String org) {
            LocalDate start = today.minusDays(20 + r.nextInt(1000));
            if (start.isBefore(m.dob)) {
                start = m.dob.plusDays(30);
            }
            LocalDate end = null;
            if (r.nextInt(100) < 35) {
                end = start.plusDays(30 + r.nextInt(400));
                if (end.isAfter(today)) {
                    end = null;
                }
            }
            return new Episode(m, type, start, end, pool, org);
        }

        private void writeEpisode(Household h, Episode e, SplittableRandom r) throws IOException {
            String bad = badHealth.next();
            Member m = e.m();
            String patientId = "PT" + String.format("%08d", Ids.scramble(m.number, 100_000_000L, factory.salt()));
            String id = String.format("EOC-%08d", ++episodeSeq);
            JsonGenerator g = health.generator();
            boolean badPatient = "bad-nhs-number".equals(bad) || "impossible-date".equals(bad);
            if (badPatient || !patientId.equals(health.lastPatient)) {
                String pid = badPatient ? patientId + "-" + episodeSeq : patientId;
                Home home = h.previousHome != null && !m.livesElsewhere && r.nextInt(100) < 30 ? h.previousHome : h.homeOn(m, today);
                g.writeStartObject();
                g.writeStringField("fullUrl", FHIR_BASE + "Patient/" + pid);
                g.writeObjectFieldStart("resource");
                g.writeStringField("resourceType", "Patient");
                g.writeStringField("id", pid);
                if (badPatient || r.nextInt(100) >= 3) {
                    g.writeArrayFieldStart("identifier");
                    g.writeStartObject();
                    g.writeStringField("system", NHS_SYSTEM);
                    g.writeStringField("value", "bad-nhs-number".equals(bad) ? Ids.badNhsNumber(m.nhs) : m.nhs);
                    g.writeEndObject();
                    g.writeEndArray();
                }
                g.writeArrayFieldStart("name");
                g.writeStartObject();
                g.writeStringField("use", "official");
                g.writeStringField("family", Noise.family(r, m.family, 0.5));
                g.writeArrayFieldStart("given");
                g.writeString(Noise.given(r, m.given, 0.5));
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndArray();
                g.writeStringField("gender", m.sex == 'M' ? "male" : "female");
                g.writeStringField("birthDate", "impossible-date".equals(bad) ? Noise.impossible(m.dob) : Noise.dob(r, m.dob, 0.5, today).toString());
                g.writeArrayFieldStart("address");
                g.writeStartObject();
                g.writeArrayFieldStart("line");
                g.writeString(home.line1());
                if (!home.line2().isEmpty()) {
                    g.writeString(home.line2());
                }
                g.writeEndArray();
                g.writeStringField("city", home.town());
                g.writeStringField("postalCode", home.postcode());
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
                if (!badPatient) {
                    health.lastPatient = patientId;
                }
                patientId = pid;
            }
            Worker w = Names.pick(r, e.pool());
            g.writeStartObject();
            g.writeStringField("fullUrl", FHIR_BASE + "EpisodeOfCare/" + id);
            g.writeObjectFieldStart("resource");
            g.writeStringField("resourceType", "EpisodeOfCare");
            g.writeStringField("id", id);
            g.writeArrayFieldStart("contained");
            g.writeStartObject();
            g.writeStringField("resourceType", "Practitioner");
            g.writeStringField("id", "prac1");
            g.writeArrayFieldStart("name");
            g.writeStartObject();
            g.writeStringField("family", w.family());
            g.writeArrayFieldStart("given");
            g.writeString(w.given());
            g.writeEndArray();
            if (!w.title().isEmpty()) {
                g.writeArrayFieldStart("prefix");
                g.writeString(w.title());
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("telecom");
            g.writeStartObject();
            g.writeStringField("system", "phone");
            g.writeStringField("value", w.phone());
            g.writeStringField("use", "work");
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("system", "email");
            g.writeStringField("value", w.email());
            g.writeStringField("use", "work");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("status", e.end() == null ? "active" : "finished");
            g.writeArrayFieldStart("type");
            g.writeStartObject();
            g.writeArrayFieldStart("coding");
            g.writeStartObject();
            g.writeStringField("system", EPISODE_SYSTEM);
            g.writeStringField("code", "unknown-enum".equals(bad) ? "SOCIAL_PRESCRIBING" : e.type());
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("patient");
            g.writeStringField("reference", "Patient/" + patientId);
            g.writeEndObject();
            g.writeObjectFieldStart("managingOrganization");
            g.writeStringField("display", e.org());
            g.writeEndObject();
            g.writeObjectFieldStart("period");
            g.writeStringField("start", e.start().toString());
            if (e.end() != null) {
                g.writeStringField("end", e.end().toString());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("careManager");
            g.writeStringField("reference", "#prac1");
            g.writeStringField("display", w.name());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            health.count(bad);
            truth("health", id, m, h, bad);
        }

        // ================= probation =================

        private static final String[] SENTENCES = {"COMMUNITY_ORDER", "SUSPENDED_SENTENCE", "LICENCE", "POST_SENTENCE_SUPERVISION"};

        private void probationRecords(Household h) throws IOException {
            SplittableRandom r = nr;
            for (Member a : h.adults()) {
                boolean da = h.needs.contains(Need.DOMESTIC_ABUSE) && a.sex == 'M' && r.nextInt(100) < 45;
                boolean crime = h.needs.contains(Need.CRIME_ASB) && (a.pnc != null) && r.nextInt(100) < 35;
                if (!da && !crime && r.nextInt(1000) >= 8) {
                    continue;
                }
                if (a.pnc == null) {
                    a.pnc = Ids.pnc(a.number, Math.max(a.dob.getYear() + 16, today.getYear() - 1 - r.nextInt(8)), factory.salt());
                }
                a.crn = Ids.crn(a.number, factory.salt());
                String bad = badProbation.next();
                String crn = "bad-crn".equals(bad) ? a.crn + "0" : a.crn;
                LocalDate start = daysAgo(r, 1000);
                LocalDate end = r.nextInt(100) < 40 ? null : start.plusMonths(12 + r.nextInt(13));
                List<String> flags = new ArrayList<>();
                if (da) {
                    flags.add("DOMESTIC_ABUSE_PERPETRATOR");
                }
                if (h.needs.contains(Need.CHILDREN_NEED_HELP) && r.nextInt(100) < 30) {
                    flags.add("CHILD_CONCERNS");
                }
                Home home = h.homeOn(a, today);
                Worker om = Names.pick(r, cat.probation);
                JsonGenerator g = probation.generator();
                g.writeStartObject();
                g.writeStringField("crn", crn);
                g.writeStringField("givenName", Noise.given(r, a.given, 0.8));
                g.writeStringField("familyName", Noise.family(r, a.family, 0.8));
                g.writeStringField("dateOfBirth", "impossible-date".equals(bad) ? Noise.impossible(a.dob) : Noise.dob(r, a.dob, 0.8, today).toString());
                g.writeObjectFieldStart("address");
                g.writeStringField("line1", home.line1());
                g.writeStringField("town", home.town());
                g.writeStringField("postcode", home.postcode());
                g.writeEndObject();
                if (r.nextInt(100) < 10) {
                    g.writeNullField("pncId");
                } else {
                    g.writeStringField("pncId", a.pnc);
                }
                g.writeStringField("sentenceType", "unknown-enum".equals(bad) ? "CUSTODY" : Names.pick(r, SENTENCES));
                g.writeStringField("supervisionStart", start.toString());
                if (end == null) {
                    g.writeNullField("supervisionEnd");
                } else {
                    g.writeStringField("supervisionEnd", end.toString());
                }
                g.writeArrayFieldStart("flags");
                for (String f : flags) {
                    g.writeString(f);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("offenderManager");
                g.writeStringField("name", om.initialName());
                g.writeStringField("team", om.team());
                g.writeStringField("phone", om.phone());
                g.writeStringField("email", om.email());
                g.writeEndObject();
                g.writeEndObject();
                probation.count(bad);
                truth("probation", crn, a, h, bad);
            }
        }

        // ================= housing =================

        private void housingRecords(Household h) throws IOException {
            if (!h.socialHousing) {
                return;
            }
            SplittableRandom r = nr;
            boolean fin = h.needs.contains(Need.WORKLESS_FINANCIAL);
            String arrears = "0.00";
            String notice = "N";
            if (fin && r.nextInt(100) < 60) {
                arrears = String.format("%d.%02d", 250 + r.nextInt(2750), r.nextInt(100));
                notice = r.nextInt(100) < 30 ? "Y" : "N";
            } else if (r.nextInt(100) < 8) {
                arrears = String.format("%d.%02d", 10 + r.nextInt(230), r.nextInt(100));
            }
            int asb = h.needs.contains(Need.CRIME_ASB) && r.nextInt(100) < 45 ? 1 + r.nextInt(6) : r.nextInt(100) < 1 ? 1 : 0;
            Worker officer = Names.pick(r, cat.landlords.get(h.landlord).officers());
            Home home = h.home;
            boolean tenantSet = false;
            Set<String> keys = new HashSet<>();
            for (Member m : h.members) {
                if (m.livesElsewhere) {
                    continue;
                }
                String rel;
                if (!m.isAdult()) {
                    rel = "CHILD";
                } else if (!tenantSet) {
                    rel = "TENANT";
                    tenantSet = true;
                } else if (m.role == Role.GRANDMOTHER && h.kind == Kind.LONE_PARENT_WITH_GRANDPARENT) {
                    rel = "OTHER";
                } else {
                    rel = r.nextInt(100) < 45 ? "JOINT_TENANT" : "PARTNER";
                }
                String bad = badHousing.next();
                String given = Noise.given(r, m.given, 0.8);
                String family = Noise.family(r, m.family, 0.8);
                String dob = Noise.dob(r, m.dob, 0.8, today).toString();
                if (!keys.add(given + "|" + family + "|" + dob)) {
                    given = m.given;
                    family = m.family;
                    dob = m.dob.toString();
                }
                String noticeOut = notice;
                if ("impossible-date".equals(bad)) {
                    dob = Noise.impossible(m.dob);
                } else if ("unknown-enum".equals(bad)) {
                    if (r.nextBoolean()) {
                        rel = "LODGER";
                    } else {
                        noticeOut = "MAYBE";
                    }
                }
                List<String> row = new ArrayList<>(Arrays.asList(h.tenancyRef, home.uprn(), home.line1(), home.line2(), home.town(),
                        home.postcode(), given, family, dob, rel, arrears, String.valueOf(asb), noticeOut, officer.name(),
                        officer.phone(), officer.email()));
                if ("wrong-field-count".equals(bad)) {
                    if (r.nextBoolean()) {
                        row.remove(row.size() - 1);
                    } else {
                        row.add("");
                    }
                }
                housing.print(row, bad);
                truth("housing", h.tenancyRef + "|" + given.trim() + "|" + family.trim() + "|" + dob, m, h, bad);
            }
        }

        // ================= dwp =================

        private void dwpRecords(Household h) throws IOException {
            SplittableRandom r = nr;
            boolean fin = h.needs.contains(Need.WORKLESS_FINANCIAL);
            List<Member> adults = h.adults();
            for (int i = 0; i < adults.size(); i++) {
                Member a = adults.get(i);
                if (fin && (i == 0 ? r.nextInt(100) < 80 : r.nextInt(100) < 40)) {
                    int x = r.nextInt(100);
                    String benefit = x < 55 ? "UC" : x < 70 ? "ESA" : x < 80 ? "JSA" : "IS";
                    match(h, a, benefit, "NOT_WORKING", r);
                } else if (r.nextInt(100) < 10) {
                    match(h, a, "UC", "WORKING_LOW_INCOME", r);
                } else if (r.nextInt(100) < 3) {
                    match(h, a, "ESA", "NOT_WORKING", r);
                }
                if (h.needs.contains(Need.HEALTH) && r.nextInt(100) < 15) {
                    match(h, a, "PIP", r.nextBoolean() ? "NOT_WORKING" : "WORKING_LOW_INCOME", r);
                } else if (r.nextInt(100) < 2) {
                    match(h, a, "CA", "NOT_WORKING", r);
                }
            }
        }

        private void match(Household h, Member a, String benefit, String work, SplittableRandom r) throws IOException {
            String bad = badDwp.next();
            String ref = String.format("DWPM-%08d", ++matchSeq);
            LocalDate claim = daysAgo(r, 1400);
            if (claim.isBefore(a.dob.plusYears(18))) {
                claim = a.dob.plusYears(18);
            }
            Home home = h.homeOn(a, claim);
            String nino = "bad-nino".equals(bad) ? Ids.badNino(a.nino, r.nextInt(3)) : a.nino;
            String claimOut = "impossible-date".equals(bad) ? Noise.impossible(claim) : claim.toString();
            if ("unknown-enum".equals(bad)) {
                benefit = r.nextBoolean() ? "PC" : benefit;
                work = "PC".equals(benefit) ? work : "RETIRED";
            }
            List<String> row = new ArrayList<>(Arrays.asList(ref, nino, Noise.given(r, a.given, 0.3), Noise.family(r, a.family, 0.3),
                    Noise.dob(r, a.dob, 0.2, today).toString(), home.postcode(), benefit, claimOut, work));
            if ("wrong-field-count".equals(bad)) {
                if (r.nextBoolean()) {
                    row.remove(row.size() - 1);
                } else {
                    row.add("");
                }
            }
            dwp.print(row, bad);
            truth("dwp", ref, a, h, bad);
        }
    }

    // ================= JSON and XML series =================

    /** One AttendanceReturn per school and term; a school/term with more than batchSize pupils is split. */
    private static final class SchoolSeries extends Series {
        private final Writer[] open;
        private final int[] inFile;

        SchoolSeries(Path out, int batchSize, int slots) {
            super(out, "school", "xml", batchSize);
            open = new Writer[slots];
            inFile = new int[slots];
        }

        void write(School s, int t, Term term, CharSequence pupil, String malformedKind) throws IOException {
            int slot = s.index() * 3 + t;
            if (open[slot] == null || inFile[slot] == batchSize) {
                finish(slot);
                Writer w = Outputs.utf8(nextPath());
                w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AttendanceReturn schoolUrn=\"" + s.urn() + "\" schoolName=\""
                        + Outputs.xml(s.name()) + "\" academicYear=\"" + term.academicYear() + "\" term=\"" + term.name() + "\">\n");
                open[slot] = w;
                inFile[slot] = 0;
            }
            open[slot].append(pupil);
            inFile[slot]++;
            count(malformedKind);
        }

        private void finish(int slot) throws IOException {
            if (open[slot] != null) {
                open[slot].write("</AttendanceReturn>\n");
                open[slot].close();
                open[slot] = null;
            }
        }

        @Override
        public void close() {
            try {
                for (int i = 0; i < open.length; i++) {
                    finish(i);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Streams JSON documents whose records sit in one array; rolls to a new file every batchSize records. */
    private abstract static class JsonSeries extends Series {
        JsonGenerator g;
        int inFile;

        JsonSeries(Path out, String partner, int batchSize) {
            super(out, partner, "json", batchSize);
        }

        /** The generator, positioned to write one more record. */
        JsonGenerator generator() throws IOException {
            if (g == null || inFile == batchSize) {
                close();
                g = Outputs.json(nextPath());
                start(g);
                inFile = 0;
            }
            inFile++;
            return g;
        }

        abstract void start(JsonGenerator g) throws IOException;

        abstract void end(JsonGenerator g) throws IOException;

        @Override
        public void close() {
            if (g != null) {
                try {
                    end(g);
                    g.writeRaw('\n');
                    g.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                g = null;
            }
        }
    }

    private static final class HealthSeries extends JsonSeries {
        String lastPatient;

        HealthSeries(Path out, int batchSize) {
            super(out, "health", batchSize);
        }

        @Override
        void start(JsonGenerator g) throws IOException {
            lastPatient = null;
            g.writeStartObject();
            g.writeStringField("resourceType", "Bundle");
            g.writeStringField("id", String.format("health-%03d", files));
            g.writeStringField("type", "collection");
            g.writeArrayFieldStart("entry");
        }

        @Override
        void end(JsonGenerator g) throws IOException {
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static final class ProbationSeries extends JsonSeries {
        ProbationSeries(Path out, int batchSize) {
            super(out, "probation", batchSize);
        }

        @Override
        void start(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeArrayFieldStart("cases");
        }

        @Override
        void end(JsonGenerator g) throws IOException {
            g.writeEndArray();
            g.writeNullField("next");
            g.writeEndObject();
        }
    }
}
