package org.familyhub.connector.format;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;

/**
 * School attendance return XML (partner-feeds.md "school"), read with StAX. DTDs are refused outright: a school
 * return never needs one, and refusing them closes XXE and entity-expansion attacks before they start.
 */
public final class SchoolXmlFormat implements FeedFormat {

    private static final String ROOT = "AttendanceReturn";
    private static final List<String> TERMS = List.of("AUTUMN", "SPRING", "SUMMER");
    private static final List<String> EXCLUSION_TYPES = List.of("SUSPENSION", "PERMANENT");
    private static final Pattern ACADEMIC_YEAR = Pattern.compile("(\\d{4})/(\\d{2})");

    private static final XMLInputFactory FACTORY = hardenedFactory();

    @Override
    public String id() {
        return "school-xml";
    }

    /** The JDK's own StAX implementation (not whichever one the classpath offers), with DTDs and external entities off. */
    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The return-level attributes every pupil's key shares. */
    private record Header(String schoolUrn, String schoolName, String academicYear, String term, LocalDate termStart) {
    }

    @Override
    public List<ParsedItem> parse(String partner, String text, LocalDate receivedOn) throws UnreadableFeedException {
        List<ParsedItem> items = new ArrayList<>();
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new StringReader(text));
            if (!toRoot(reader)) {
                throw new UnreadableFeedException("not a school attendance return: the body has no XML element");
            }
            if (!reader.getLocalName().equals(ROOT)) {
                throw new UnreadableFeedException("not a school attendance return: the root element is <"
                        + reader.getLocalName() + ">, expected <" + ROOT + ">");
            }
            Header header = header(reader);
            int pupil = 0;
            int depth = 1;
            // One builder for every pupil's quarantine text: each is copied out with toString
            StringBuilder raw = new StringBuilder(1024);
            while (reader.hasNext() && depth > 0) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (reader.getLocalName().equals("Pupil")) {
                        pupil++;
                        raw.setLength(0);
                        Pupil values = new Pupil();
                        XmlCopy.copy(reader, raw, values, false);
                        items.add(mapPupil(partner, header, values, raw.toString(), pupil));
                    } else {
                        XmlCopy.skip(reader);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            // Read to the end: a malformed tail fails the whole body rather than passing half of it
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.DTD) {
                    throw doctypeRefused();
                }
            }
            return items;
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            close(reader);
        }
    }

    /** Moves to the root element; refuses a DOCTYPE. False when the body has no element at all. */
    private static boolean toRoot(XMLStreamReader reader) throws XMLStreamException, UnreadableFeedException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw doctypeRefused();
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    private static UnreadableFeedException doctypeRefused() {
        return new UnreadableFeedException("XML with a DOCTYPE is refused (DTDs and external entities are not accepted)");
    }

    private static UnreadableFeedException malformed(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int at = message.indexOf("Message: ");
        String detail = (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
        Location location = e.getLocation();
        // An undeclared entity is what an XXE attempt looks like once the DTD is switched off
        if (detail.contains("was referenced, but not declared")) {
            return new UnreadableFeedException("XML entity references are refused (DTDs and external entities are not accepted): "
                    + detail, e);
        }
        String where = location == null ? "" : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
        return new UnreadableFeedException("malformed XML" + where + ": " + detail, e);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was opened that needs releasing
            }
        }
    }

    private static Header header(XMLStreamReader reader) throws UnreadableFeedException {
        String urn = RowChecks.text(reader.getAttributeValue(null, "schoolUrn"));
        String name = RowChecks.text(reader.getAttributeValue(null, "schoolName"));
        String year = RowChecks.text(reader.getAttributeValue(null, "academicYear"));
        String term = RowChecks.text(reader.getAttributeValue(null, "term"));
        List<String> missing = new ArrayList<>();
        if (urn == null) {
            missing.add("schoolUrn");
        }
        if (year == null) {
            missing.add("academicYear");
        }
        if (term == null) {
            missing.add("term");
        }
        if (!missing.isEmpty()) {
            throw new UnreadableFeedException("not a complete attendance return: <" + ROOT + "> is missing attribute(s) "
                    + String.join(", ", missing));
        }
        Matcher m = ACADEMIC_YEAR.matcher(year);
        if (!m.matches() || (Integer.parseInt(m.group(1)) + 1) % 100 != Integer.parseInt(m.group(2))) {
            throw new UnreadableFeedException("academicYear '" + year + "' is not an academic year (expected e.g. 2025/26)");
        }
        if (!TERMS.contains(term)) {
            throw new UnreadableFeedException("term '" + term + "' is not one of " + String.join(", ", TERMS));
        }
        int firstYear = Integer.parseInt(m.group(1));
        LocalDate termStart = switch (term) {
            case "AUTUMN" -> LocalDate.of(firstYear, 9, 1);
            case "SPRING" -> LocalDate.of(firstYear + 1, 1, 1);
            default -> LocalDate.of(firstYear + 1, 4, 1);
        };
        return new Header(urn, name, year, term, termStart);
    }

    /**
     * What a {@code <Pupil>} holds, picked out while it is copied for the quarantine: the text of the first child of
     * each name, the first {@code <Address>} and {@code <Contact>}, every {@code <Exclusion>} and {@code <Parent>}.
     * Values are as sent (untrimmed); null when the element is absent.
     */
    private static final class Pupil implements XmlCopy.Children {
        String upn;
        String forename;
        String surname;
        String dob;
        String sex;
        String possible;
        String authorised;
        String unauthorised;
        Texts address;
        String[] contact;
        final List<String[]> exclusions = new ArrayList<>(2);
        final List<Parent> parents = new ArrayList<>(2);

        @Override
        public void child(String name, XMLStreamReader reader, StringBuilder out) throws XMLStreamException {
            switch (name) {
                case "UPN" -> upn = first(upn, reader, out);
                case "Forename" -> forename = first(forename, reader, out);
                case "Surname" -> surname = first(surname, reader, out);
                case "DOB" -> dob = first(dob, reader, out);
                case "Sex" -> sex = first(sex, reader, out);
                case "SessionsPossible" -> possible = first(possible, reader, out);
                case "SessionsAuthorisedAbsence" -> authorised = first(authorised, reader, out);
                case "SessionsUnauthorisedAbsence" -> unauthorised = first(unauthorised, reader, out);
                case "Address" -> {
                    Texts a = null;
                    if (address == null) {
                        a = new Texts("Line1", "Line2", "Town", "Postcode", "UPRN");
                        address = a;
                    }
                    XmlCopy.copy(reader, out, a, false);
                }
                case "Exclusion" -> {
                    exclusions.add(new String[] {XmlCopy.attribute(reader, "type"), XmlCopy.attribute(reader, "start"),
                            XmlCopy.attribute(reader, "days")});
                    XmlCopy.copy(reader, out, null, false);
                }
                case "Contact" -> {
                    if (contact == null) {
                        contact = new String[] {XmlCopy.attribute(reader, "role"), XmlCopy.attribute(reader, "name"),
                                XmlCopy.attribute(reader, "phone"), XmlCopy.attribute(reader, "email")};
                    }
                    XmlCopy.copy(reader, out, null, false);
                }
                case "Parent" -> {
                    Parent p = new Parent(XmlCopy.attribute(reader, "relationship"));
                    parents.add(p);
                    XmlCopy.copy(reader, out, p.names, false);
                }
                default -> XmlCopy.copy(reader, out, null, false);
            }
        }

        /** The text of this child when it is the first of its name; otherwise the one already found. */
        private static String first(String found, XMLStreamReader reader, StringBuilder out) throws XMLStreamException {
            String text = XmlCopy.copy(reader, out, null, found == null);
            return found == null ? text : found;
        }
    }

    /** The text of the first child of each of a few names; other children are copied unread. */
    private static final class Texts implements XmlCopy.Children {
        private final String[] names;
        private final String[] first;

        Texts(String... names) {
            this.names = names;
            this.first = new String[names.length];
        }

        @Override
        public void child(String name, XMLStreamReader reader, StringBuilder out) throws XMLStreamException {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    String text = XmlCopy.copy(reader, out, null, first[i] == null);
                    if (first[i] == null) {
                        first[i] = text;
                    }
                    return;
                }
            }
            XmlCopy.copy(reader, out, null, false);
        }

        /** The text of the first child of that name (one of the names asked for), or null when there is none. */
        String get(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return first[i];
                }
            }
            throw new IllegalArgumentException(name + " was not asked for");
        }
    }

    private record Parent(String relationship, Texts names) {
        Parent(String relationship) {
            this(relationship, new Texts("Forename", "Surname"));
        }
    }

    private static ParsedItem mapPupil(String partner, Header header, Pupil pupil, String raw, int index) {
        String location = "Pupil " + index;
        RowChecks checks = new RowChecks();
        String upn = checks.required("UPN", pupil.upn);
        LocalDate dateOfBirth = checks.date("DOB", pupil.dob);
        Integer possible = checks.count("SessionsPossible", pupil.possible, true);
        Integer authorised = checks.count("SessionsAuthorisedAbsence", pupil.authorised, true);
        Integer unauthorised = checks.count("SessionsUnauthorisedAbsence", pupil.unauthorised, true);
        if (possible != null && possible == 0) {
            checks.problem("SessionsPossible '0' must be at least 1 (no attendance rate can be given)");
        } else if (possible != null && authorised != null && unauthorised != null && authorised + unauthorised > possible) {
            checks.problem("absences (" + authorised + " authorised + " + unauthorised
                    + " unauthorised) exceed SessionsPossible " + possible);
        }
        List<Map<String, Object>> exclusions = new ArrayList<>(pupil.exclusions.size());
        for (String[] e : pupil.exclusions) {
            String type = checks.oneOf("Exclusion type", e[0], EXCLUSION_TYPES, true);
            LocalDate start = checks.requiredDate("Exclusion start", e[1]);
            Integer days = checks.count("Exclusion days", e[2], false);
            Map<String, Object> exclusion = new LinkedHashMap<>(4);
            exclusion.put("type", type);
            exclusion.put("start", start == null ? null : start.toString());
            exclusion.put("days", days);
            exclusions.add(exclusion);
        }
        if (!checks.ok()) {
            return ParsedItem.rejected(index, location, raw, checks.reason());
        }

        Texts a = pupil.address;
        Address address = a == null ? Address.EMPTY : new Address(RowChecks.text(a.get("Line1")),
                RowChecks.text(a.get("Line2")), RowChecks.text(a.get("Town")),
                RowChecks.text(a.get("Postcode")), RowChecks.text(a.get("UPRN")));
        Subject subject = new Subject(RowChecks.text(pupil.forename), RowChecks.text(pupil.surname),
                dateOfBirth, RowChecks.text(pupil.sex), address,
                new Identifiers(null, upn, null, null, null, null));

        int attended = possible - authorised - unauthorised;
        double rate = BigDecimal.valueOf(attended).divide(BigDecimal.valueOf(possible), 4, RoundingMode.HALF_UP).doubleValue();
        List<Map<String, Object>> parents = new ArrayList<>(pupil.parents.size());
        for (Parent p : pupil.parents) {
            Map<String, Object> parent = new LinkedHashMap<>(4);
            parent.put("relationship", RowChecks.text(p.relationship()));
            parent.put("givenName", RowChecks.text(p.names().get("Forename")));
            parent.put("familyName", RowChecks.text(p.names().get("Surname")));
            parents.add(parent);
        }
        Map<String, Object> facts = new LinkedHashMap<>(16);
        facts.put("schoolUrn", header.schoolUrn());
        facts.put("schoolName", header.schoolName());
        facts.put("academicYear", header.academicYear());
        facts.put("term", header.term());
        facts.put("sessionsPossible", possible);
        facts.put("sessionsAuthorisedAbsence", authorised);
        facts.put("sessionsUnauthorisedAbsence", unauthorised);
        facts.put("attendanceRate", rate);
        // Exact comparison (attended/possible < 0.9), not the rounded rate
        facts.put("persistentAbsence", attended * 10L < possible * 9L);
        facts.put("exclusions", exclusions);
        facts.put("parents", parents);

        Set<DataCategory> categories = EnumSet.of(DataCategory.EDUCATION_ATTENDANCE);
        if (!exclusions.isEmpty()) {
            categories.add(DataCategory.EDUCATION_EXCLUSION);
        }
        String[] c = pupil.contact;
        Involvement involvement = c == null ? null : new Involvement(header.schoolName(), RowChecks.text(c[0]),
                RowChecks.text(c[1]), RowChecks.text(c[2]), RowChecks.text(c[3]), null, null);

        String sourceRecordId = RowChecks.key(header.schoolUrn(), upn, header.academicYear(), header.term());
        PartnerRecord record = new PartnerRecord(partner, "attendance", sourceRecordId, header.termStart(), subject,
                categories, facts, involvement);
        return ParsedItem.ok(index, location, raw, record);
    }
}
