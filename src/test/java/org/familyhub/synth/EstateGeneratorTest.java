package org.familyhub.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.familyhub.validation.IdentifierRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EstateGeneratorTest {

    static final LocalDate TODAY = LocalDate.of(2025, 11, 15);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern PNC = Pattern.compile("\\d{4}/\\d{7}[A-Z]");
    static final Pattern CRN = Pattern.compile("[A-Z]\\d{6}");

    @TempDir
    static Path tmp;
    static Path estate;
    static EstateSummary summary;
    static List<Row> rows;
    static List<Map<String, String>> truth;

    /** One partner record as read back from a file: its hub key and the fields the checks need. */
    record Row(String partner, String key, Map<String, String> f) {
    }

    @BeforeAll
    static void generate() throws Exception {
        estate = tmp.resolve("estate");
        summary = new EstateGenerator().generate(300, 42, estate, 5000, TODAY);
        rows = readAll(estate);
        truth = csv(estate.resolve("ground-truth.csv"));
    }

    // ---------------- determinism ----------------

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() throws Exception {
        Path again = tmp.resolve("again");
        new EstateGenerator().generate(300, 42, again, 5000, TODAY);
        Map<String, byte[]> a = files(estate);
        Map<String, byte[]> b = files(again);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
        Path other = tmp.resolve("other");
        new EstateGenerator().generate(300, 43, other, 5000, TODAY);
        Map<String, byte[]> c = files(other);
        for (String p : EstateGenerator.PARTNERS) {
            String first = p + "/" + p + "-001." + ext(p);
            assertFalse(java.util.Arrays.equals(a.get(first), c.get(first)), first);
        }
        assertFalse(java.util.Arrays.equals(a.get("ground-truth.csv"), c.get("ground-truth.csv")));
    }

    // ---------------- formats ----------------

    @Test
    void everyPartnerHasFilesWithTheExactHeaderOrRoot() throws Exception {
        for (String p : EstateGenerator.PARTNERS) {
            List<Path> fs = partnerFiles(estate, p);
            assertFalse(fs.isEmpty(), p);
            assertEquals(summary.partners().get(p).files(), fs.size(), p);
            for (Path f : fs) {
                byte[] bytes = Files.readAllBytes(f);
                assertFalse(bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB, "no BOM " + f);
                String text = new String(bytes, StandardCharsets.UTF_8);
                switch (p) {
                    case "police" -> assertTrue(text.startsWith(String.join(",", EstateGenerator.POLICE_HEADER) + "\r\n"));
                    case "housing" -> assertTrue(text.startsWith(String.join(",", EstateGenerator.HOUSING_HEADER) + "\r\n"));
                    case "dwp" -> assertTrue(text.startsWith(String.join(",", EstateGenerator.DWP_HEADER) + "\r\n"));
                    case "school" -> {
                        Element root = xml(f).getDocumentElement();
                        assertEquals("AttendanceReturn", root.getTagName());
                        for (String attr : List.of("schoolUrn", "schoolName", "academicYear", "term")) {
                            assertFalse(root.getAttribute(attr).isEmpty(), attr);
                        }
                    }
                    case "health" -> {
                        JsonNode b = JSON.readTree(bytes);
                        assertEquals("Bundle", b.get("resourceType").asText());
                        assertEquals("collection", b.get("type").asText());
                    }
                    case "probation" -> {
                        JsonNode b = JSON.readTree(bytes);
                        assertTrue(b.get("cases").isArray());
                        assertTrue(b.get("next").isNull());
                    }
                    default -> throw new AssertionError(p);
                }
            }
        }
    }

    @Test
    void healthBundlesParseWithHapiAndCarryThePractitionerTelecom() throws Exception {
        var ctx = ca.uhn.fhir.context.FhirContext.forR4();
        var parser = ctx.newJsonParser();
        parser.setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false));
        for (Path f : partnerFiles(estate, "health")) {
            // HAPI rejects the deliberately impossible birth dates: drop those Patients (and their episodes) first
            com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(f.toFile());
            Set<String> badPatients = new HashSet<>();
            com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
            for (JsonNode e : doc.get("entry")) {
                JsonNode res = e.get("resource");
                if (res.has("birthDate") && res.get("birthDate").asText().matches("\\d{4}-13-\\d{2}")) {
                    badPatients.add("Patient/" + res.get("id").asText());
                } else if (!(res.has("patient") && badPatients.contains(res.get("patient").get("reference").asText()))) {
                    kept.add(e);
                }
            }
            doc.set("entry", kept);
            org.hl7.fhir.r4.model.Bundle bundle = parser.parseResource(org.hl7.fhir.r4.model.Bundle.class, JSON.writeValueAsString(doc));
            assertEquals(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION, bundle.getType());
            int episodes = 0;
            for (var e : bundle.getEntry()) {
                if (e.getResource() instanceof org.hl7.fhir.r4.model.EpisodeOfCare eoc) {
                    episodes++;
                    assertEquals("#prac1", eoc.getCareManager().getReference());
                    assertTrue(eoc.getPatient().getReference().startsWith("Patient/"));
                    var prac = (org.hl7.fhir.r4.model.Practitioner) eoc.getContained().get(0);
                    assertEquals(2, prac.getTelecom().size());
                    assertEquals(EstateGenerator.EPISODE_SYSTEM, eoc.getTypeFirstRep().getCodingFirstRep().getSystem());
                    assertFalse(eoc.getManagingOrganization().getDisplay().isEmpty());
                }
            }
            assertTrue(episodes > 0);
        }
    }

    // ---------------- ground truth ----------------

    @Test
    void groundTruthNamesEveryWrittenRecordByItsHubKey() {
        assertEquals(List.of("partner", "source_record_id", "person_id", "family_id", "malformed"),
                List.of(EstateGenerator.GROUND_TRUTH_HEADER));
        assertEquals(rows.size(), truth.size());
        assertEquals(summary.records(), truth.size());
        Map<String, List<String>> fromFiles = new TreeMap<>();
        for (Row r : rows) {
            fromFiles.computeIfAbsent(r.partner(), k -> new ArrayList<>()).add(r.key());
        }
        Map<String, List<String>> fromTruth = new TreeMap<>();
        Set<String> unique = new HashSet<>();
        for (Map<String, String> t : truth) {
            fromTruth.computeIfAbsent(t.get("partner"), k -> new ArrayList<>()).add(t.get("source_record_id"));
            assertTrue(unique.add(t.get("partner") + "#" + t.get("source_record_id")), "duplicate key " + t);
            assertTrue(t.get("person_id").matches("P\\d{6}"));
            assertTrue(t.get("family_id").matches("F\\d{6}"));
        }
        assertEquals(new TreeSet<>(EstateGenerator.PARTNERS), fromTruth.keySet());
        for (String p : EstateGenerator.PARTNERS) {
            assertEquals(new TreeSet<>(fromFiles.get(p)), new TreeSet<>(fromTruth.get(p)), p);
            assertEquals(fromFiles.get(p).size(), fromTruth.get(p).size(), p);
            assertEquals(summary.partners().get(p).records(), fromTruth.get(p).size(), p);
        }
    }

    @Test
    void aboutOnePercentMalformedAndEveryOtherIdentifierValid() {
        Map<String, String> malformed = new HashMap<>();
        for (Map<String, String> t : truth) {
            if (!t.get("malformed").isEmpty()) {
                malformed.put(t.get("partner") + "#" + t.get("source_record_id"), t.get("malformed"));
            }
        }
        double rate = (double) malformed.size() / truth.size();
        assertTrue(rate >= 0.003 && rate <= 0.02, "malformed rate " + rate);
        assertEquals(summary.malformed(), malformed.size());
        for (String p : EstateGenerator.PARTNERS) {
            if (summary.partners().get(p).records() >= 100) {
                assertTrue(summary.partners().get(p).malformed() >= 1, p);
            }
        }
        Set<String> kinds = new TreeSet<>(malformed.values());
        assertTrue(kinds.size() >= 5, "kinds " + kinds);
        int checked = 0;
        for (Row r : rows) {
            String kind = malformed.get(r.partner() + "#" + r.key());
            if (kind != null) {
                continue;
            }
            Map<String, String> f = r.f();
            nonEmpty(f.get("nhs"), v -> assertNull(IdentifierRules.checkNhsNumber(v), v));
            nonEmpty(f.get("upn"), v -> assertNull(IdentifierRules.checkUpn(v), v));
            nonEmpty(f.get("nino"), v -> assertNull(IdentifierRules.checkNino(v), v));
            nonEmpty(f.get("postcode"), v -> assertNull(IdentifierRules.checkPostcode(v), v));
            nonEmpty(f.get("pnc"), v -> assertTrue(PNC.matcher(v).matches(), v));
            nonEmpty(f.get("crn"), v -> assertTrue(CRN.matcher(v).matches(), v));
            nonEmpty(f.get("uprn"), v -> assertTrue(v.matches("\\d{12}"), v));
            nonEmpty(f.get("dob"), v -> LocalDate.parse(v));
            nonEmpty(f.get("claim"), v -> LocalDate.parse(v));
            if (f.containsKey("fields")) {
                assertEquals(f.get("expectedFields"), f.get("fields"), r.key());
            }
            if (f.containsKey("enum")) {
                assertTrue(f.get("allowed").contains("," + f.get("enum") + ","), r.key() + " " + f.get("enum"));
            }
            checked++;
        }
        assertTrue(checked > 1000);
    }

    // ---------------- households ----------------

    @Test
    void householdsHaveTheRealisticKinds() throws Exception {
        List<Map<String, String>> fams = csv(estate.resolve("ground-truth-families.csv"));
        List<Map<String, String>> people = csv(estate.resolve("ground-truth-people.csv"));
        assertEquals(300, fams.size());
        assertEquals(summary.people(), people.size());
        Set<String> kinds = new TreeSet<>();
        for (Map<String, String> f : fams) {
            kinds.add(f.get("household_type"));
        }
        assertTrue(kinds.containsAll(List.of("COUPLE", "LONE_PARENT", "STEP_FAMILY", "FATHER_ELSEWHERE", "KINSHIP_CARE")), kinds.toString());

        Map<String, List<Map<String, String>>> byFamily = new TreeMap<>();
        for (Map<String, String> p : people) {
            byFamily.computeIfAbsent(p.get("family_id"), k -> new ArrayList<>()).add(p);
        }
        boolean stepChildrenDifferentSurnames = false;
        boolean fatherElsewhere = false;
        boolean hyphenated = false;
        for (List<Map<String, String>> fam : byFamily.values()) {
            long adults = fam.stream().filter(p -> !p.get("role").equals("CHILD")).count();
            long children = fam.size() - adults;
            assertTrue(adults >= 1 && adults <= 2, "adults " + adults);
            assertTrue(children <= 5);
            Set<String> childSurnames = new TreeSet<>();
            for (Map<String, String> p : fam) {
                if (p.get("role").equals("CHILD")) {
                    childSurnames.add(p.get("family_name"));
                    LocalDate dob = LocalDate.parse(p.get("date_of_birth"));
                    assertTrue(dob.isAfter(TODAY.minusYears(18)) && !dob.isAfter(TODAY));
                    for (Map<String, String> a : fam) {
                        if (a.get("role").equals("MOTHER") || a.get("role").equals("FATHER")) {
                            assertTrue(LocalDate.parse(a.get("date_of_birth")).plusYears(16).isBefore(dob), "parent age");
                        }
                    }
                }
                if (p.get("lives_elsewhere").equals("Y")) {
                    fatherElsewhere = true;
                    assertNotEquals(fam.get(0).get("uprn"), p.get("uprn"));
                }
                hyphenated |= p.get("family_name").contains("-");
            }
            if (fam.get(0).get("household_type").equals("STEP_FAMILY") && childSurnames.size() > 1) {
                stepChildrenDifferentSurnames = true;
            }
        }
        assertTrue(stepChildrenDifferentSurnames);
        assertTrue(fatherElsewhere);
        assertTrue(hyphenated);

        // a child at a different school from a sibling in the same term
        Map<String, Set<String>> schoolsByFamilyTerm = new TreeMap<>();
        for (Map<String, String> t : truth) {
            if (t.get("partner").equals("school")) {
                String[] k = t.get("source_record_id").split("\\|");
                schoolsByFamilyTerm.computeIfAbsent(t.get("family_id") + k[2] + k[3], x -> new TreeSet<>()).add(k[0]);
            }
        }
        assertTrue(schoolsByFamilyTerm.values().stream().anyMatch(s -> s.size() > 1));

        // an eligible share: families with two or more tf-2015 problems
        assertTrue(summary.familiesWithTwoNeeds() >= 0.12 * 300 && summary.familiesWithTwoNeeds() <= 0.3 * 300,
                "two or more needs: " + summary.familiesWithTwoNeeds());
    }

    @Test
    void recordsCoverThePartnersPlausibly() {
        Map<String, Set<String>> values = new TreeMap<>();
        for (Row r : rows) {
            r.f().forEach((k, v) -> {
                if (k.startsWith("v:")) {
                    values.computeIfAbsent(r.partner() + "." + k.substring(2), x -> new TreeSet<>()).add(v);
                }
            });
        }
        assertTrue(values.get("police.category").containsAll(List.of("ASB", "CRIME", "DOMESTIC_ABUSE", "CHILD_CONCERN", "MISSING_PERSON")));
        assertTrue(values.get("health.type").containsAll(List.of("HEALTH_VISITING", "CAMHS", "ADULT_MENTAL_HEALTH",
                "SUBSTANCE_MISUSE", "LONG_TERM_CONDITION", "SCHOOL_NURSING")));
        assertTrue(values.get("dwp.benefit").containsAll(List.of("UC", "ESA")));
        assertTrue(values.get("probation.flags").contains("DOMESTIC_ABUSE_PERPETRATOR"));
        assertTrue(values.get("housing.notice").contains("Y"));
        assertTrue(values.get("school.exclusion").contains("SUSPENSION"));
        // attendance mostly 92–99%, a minority persistently absent
        long pupils = rows.stream().filter(r -> r.partner().equals("school")).count();
        long below90 = rows.stream().filter(r -> r.partner().equals("school") && Double.parseDouble(r.f().get("rate")) < 0.90).count();
        assertTrue(below90 > 0 && below90 < pupils * 0.2, below90 + " of " + pupils);
        // several people per incident
        Map<String, Integer> perIncident = new TreeMap<>();
        rows.stream().filter(r -> r.partner().equals("police")).forEach(r -> perIncident.merge(r.key().split("\\|")[0], 1, Integer::sum));
        assertTrue(perIncident.values().stream().anyMatch(n -> n >= 3));
        // noise: the police spell some people differently from the truth
        assertTrue(rows.stream().anyMatch(r -> r.partner().equals("police") && r.key().split("\\|")[2].contains(" ")));
    }

    @Test
    void batchesAreSplitAtTheBatchSize() throws Exception {
        Path small = tmp.resolve("small");
        EstateSummary s = new EstateGenerator().generate(120, 5, small, 20, TODAY);
        List<Row> rs = readAll(small);
        Map<String, Integer> perFile = new TreeMap<>();
        for (Row r : rs) {
            perFile.merge(r.f().get("file"), 1, Integer::sum);
        }
        assertTrue(perFile.values().stream().allMatch(n -> n <= 20), perFile.toString());
        assertTrue(s.partners().get("police").files() > 1);
        // one school and term per school file
        for (Path f : partnerFiles(small, "school")) {
            assertEquals("AttendanceReturn", xml(f).getDocumentElement().getTagName());
        }
    }

    @Test
    void largeEstateOfOneHundredThousandRecords() throws Exception {
        Path big = tmp.resolve("big");
        EstateSummary s = new EstateGenerator().generate(13_000, 11, big, 5000, TODAY);
        assertTrue(s.records() >= 100_000, "records " + s.records());
        assertEquals(s.records() + 1, Files.lines(big.resolve("ground-truth.csv")).count());
    }

    @Test
    void commandParsesArgumentsAndReportsPerPartner() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SynthCommand cmd = new SynthCommand(new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(2, cmd.run(new String[] {"--families", "x", "--out", tmp.toString()}));
        assertEquals(2, cmd.run(new String[] {"--bogus", "1"}));
        assertEquals(2, cmd.run(new String[] {"--families", "10"}));
        assertEquals(2, cmd.run(new String[] {"--out", tmp.toString(), "--today", "2025-13-01"}));
        assertEquals(2, cmd.run(new String[] {"--out"}));
        assertTrue(err.toString().contains("usage:"));
        assertEquals(0, cmd.run(new String[] {"--families", "20", "--seed", "3", "--out", tmp.resolve("cmd").toString(),
                "--batch-size", "100", "--today", "2025-11-15"}));
        String text = out.toString();
        for (String p : EstateGenerator.PARTNERS) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(p + " ") && l.contains("records") && l.contains("malformed")), p);
        }
        assertTrue(text.contains("ground-truth.csv"));
    }

    // ================= reading the files back =================

    static String ext(String partner) {
        return switch (partner) {
            case "police", "housing", "dwp" -> "csv";
            case "school" -> "xml";
            default -> "json";
        };
    }

    static List<Path> partnerFiles(Path root, String partner) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(partner))) {
            return s.sorted().toList();
        }
    }

    static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** Header-keyed rows. */
    static List<Map<String, String>> csv(Path p) throws IOException {
        List<List<String>> all = parseRfc4180(Files.readString(p));
        List<String> header = all.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : all.subList(1, all.size())) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.size() && i < r.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * A small RFC 4180 reader. (Commons CSV 1.14 parsing needs commons-io 2.17+, and the build resolves 2.16.1 through
     * commons-compress; printing is unaffected. Reported rather than changing the pom here.)
     */
    static List<List<String>> parseRfc4180(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
            i++;
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    static Document xml(Path p) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(p.toFile());
    }

    static void nonEmpty(String v, java.util.function.Consumer<String> check) {
        if (v != null && !v.isEmpty()) {
            check.accept(v);
        }
    }

    static String key(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String s : parts) {
            b.append(b.length() == 0 ? "" : "|").append(s.trim());
        }
        return b.toString();
    }

    static List<Row> readAll(Path root) throws Exception {
        List<Row> out = new ArrayList<>();
        for (Path f : partnerFiles(root, "police")) {
            for (List<String> r : rawCsv(f)) {
                Map<String, String> m = new HashMap<>();
                m.put("file", f.toString());
                m.put("fields", String.valueOf(r.size()));
                m.put("expectedFields", "18");
                m.put("dob", r.get(6));
                m.put("postcode", r.get(11));
                m.put("uprn", r.get(12));
                m.put("pnc", r.get(13));
                m.put("enum", r.get(2) + "/" + r.get(3));
                m.put("allowed", allowed(new String[] {"ASB", "CRIME", "DOMESTIC_ABUSE", "MISSING_PERSON", "CHILD_CONCERN"},
                        new String[] {"SUSPECT", "OFFENDER", "VICTIM", "WITNESS", "SUBJECT"}));
                m.put("v:category", r.get(2));
                out.add(new Row("police", key(r.get(0), r.get(4), r.get(5), r.get(6)), m));
            }
        }
        for (Path f : partnerFiles(root, "housing")) {
            for (List<String> r : rawCsv(f)) {
                Map<String, String> m = new HashMap<>();
                m.put("file", f.toString());
                m.put("fields", String.valueOf(r.size()));
                m.put("expectedFields", "16");
                m.put("dob", r.get(8));
                m.put("postcode", r.get(5));
                m.put("uprn", r.get(1));
                m.put("enum", r.get(9) + "/" + r.get(12));
                m.put("allowed", allowed(new String[] {"TENANT", "JOINT_TENANT", "PARTNER", "CHILD", "OTHER"}, new String[] {"Y", "N"}));
                m.put("v:notice", r.get(12));
                out.add(new Row("housing", key(r.get(0), r.get(6), r.get(7), r.get(8)), m));
            }
        }
        for (Path f : partnerFiles(root, "dwp")) {
            for (List<String> r : rawCsv(f)) {
                Map<String, String> m = new HashMap<>();
                m.put("file", f.toString());
                m.put("fields", String.valueOf(r.size()));
                m.put("expectedFields", "9");
                m.put("nino", r.get(1));
                m.put("dob", r.get(4));
                m.put("postcode", r.get(5));
                m.put("claim", r.get(7));
                m.put("enum", r.get(6) + "/" + (r.size() > 8 ? r.get(8) : ""));
                m.put("allowed", allowed(new String[] {"UC", "JSA", "ESA", "IS", "PIP", "CA"}, new String[] {"NOT_WORKING", "WORKING_LOW_INCOME"}));
                m.put("v:benefit", r.get(6));
                out.add(new Row("dwp", r.get(0).trim(), m));
            }
        }
        for (Path f : partnerFiles(root, "school")) {
            Element root0 = xml(f).getDocumentElement();
            NodeList pupils = root0.getElementsByTagName("Pupil");
            for (int i = 0; i < pupils.getLength(); i++) {
                Element p = (Element) pupils.item(i);
                Map<String, String> m = new HashMap<>();
                m.put("file", f.toString());
                String upn = text(p, "UPN");
                m.put("upn", upn);
                m.put("dob", text(p, "DOB"));
                m.put("postcode", text(p, "Postcode"));
                m.put("uprn", text(p, "UPRN"));
                double possible = Double.parseDouble(text(p, "SessionsPossible"));
                double absent = Double.parseDouble(text(p, "SessionsAuthorisedAbsence")) + Double.parseDouble(text(p, "SessionsUnauthorisedAbsence"));
                m.put("rate", String.valueOf((possible - absent) / possible));
                NodeList ex = p.getElementsByTagName("Exclusion");
                StringBuilder types = new StringBuilder();
                for (int j = 0; j < ex.getLength(); j++) {
                    types.append(((Element) ex.item(j)).getAttribute("type"));
                }
                if (types.length() > 0) {
                    m.put("enum", types + "/");
                    m.put("allowed", allowed(new String[] {"SUSPENSION", "PERMANENT"}, new String[] {""}));
                    m.put("v:exclusion", types.toString());
                }
                out.add(new Row("school", key(root0.getAttribute("schoolUrn"), upn, root0.getAttribute("academicYear"),
                        root0.getAttribute("term")), m));
            }
        }
        for (Path f : partnerFiles(root, "health")) {
            JsonNode bundle = JSON.readTree(f.toFile());
            Map<String, JsonNode> patients = new HashMap<>();
            for (JsonNode e : bundle.get("entry")) {
                JsonNode res = e.get("resource");
                if (res.get("resourceType").asText().equals("Patient")) {
                    patients.put("Patient/" + res.get("id").asText(), res);
                }
            }
            for (JsonNode e : bundle.get("entry")) {
                JsonNode res = e.get("resource");
                if (!res.get("resourceType").asText().equals("EpisodeOfCare")) {
                    continue;
                }
                JsonNode patient = patients.get(res.get("patient").get("reference").asText());
                assertTrue(patient != null, "patient in bundle");
                Map<String, String> m = new HashMap<>();
                m.put("file", f.toString());
                if (patient.has("identifier")) {
                    assertEquals(EstateGenerator.NHS_SYSTEM, patient.get("identifier").get(0).get("system").asText());
                    m.put("nhs", patient.get("identifier").get(0).get("value").asText());
                }
                m.put("dob", patient.get("birthDate").asText());
                m.put("postcode", patient.get("address").get(0).get("postalCode").asText());
                String code = res.get("type").get(0).get("coding").get(0).get("code").asText();
                m.put("enum", code + "/");
                m.put("allowed", allowed(new String[] {"HEALTH_VISITING", "SCHOOL_NURSING", "CAMHS", "ADULT_MENTAL_HEALTH",
                        "SUBSTANCE_MISUSE", "LONG_TERM_CONDITION"}, new String[] {""}));
                m.put("v:type", code);
                out.add(new Row("health", res.get("id").asText(), m));
            }
        }
        for (Path f : partnerFiles(root, "probation")) {
            JsonNode doc = JSON.readTree(f.toFile());
            int n = 0;
            for (JsonNode c : doc.get("cases")) {
                Map<String, String> m = new HashMap<>();
                m.put("file", f.toString());
                m.put("crn", c.get("crn").asText());
                m.put("dob", c.get("dateOfBirth").asText());
                m.put("postcode", c.get("address").get("postcode").asText());
                if (!c.get("pncId").isNull()) {
                    m.put("pnc", c.get("pncId").asText());
                }
                m.put("enum", c.get("sentenceType").asText() + "/");
                m.put("allowed", allowed(new String[] {"COMMUNITY_ORDER", "SUSPENDED_SENTENCE", "LICENCE", "POST_SENTENCE_SUPERVISION"},
                        new String[] {""}));
                StringBuilder flags = new StringBuilder();
                c.get("flags").forEach(x -> flags.append(x.asText()).append(' '));
                m.put("v:flags", flags.toString().trim());
                out.add(new Row("probation", c.get("crn").asText().trim(), m));
                n++;
            }
            assertTrue(n > 0);
        }
        return out;
    }

    /** "A/B" pairs allowed, as ",A/B," tokens. */
    static String allowed(String[] first, String[] second) {
        StringBuilder b = new StringBuilder(",");
        for (String a : first) {
            for (String c : second) {
                b.append(a).append('/').append(c).append(',');
            }
        }
        return b.toString();
    }

    static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }

    static List<List<String>> rawCsv(Path p) throws IOException {
        List<List<String>> all = parseRfc4180(Files.readString(p));
        return all.subList(1, all.size());
    }
}
