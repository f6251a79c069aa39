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
            while (reader.hasNext() && depth > 0) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    XmlElement element = XmlElement.read(reader);
                    if (element.name().equals("Pupil")) {
                        pupil++;
                        items.add(mapPupil(partner, header, element, pupil));
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

    private static ParsedItem mapPupil(String partner, Header header, XmlElement pupil, int index) {
        String raw = pupil.toXml();
        String location = "Pupil " + index;
        RowChecks checks = new RowChecks();
        String upn = checks.required("UPN", pupil.childText("UPN"));
        LocalDate dateOfBirth = checks.date("DOB", pupil.childText("DOB"));
        Integer possible = checks.count("SessionsPossible", pupil.childText("SessionsPossible"), true);
        Integer authorised = checks.count("SessionsAuthorisedAbsence", pupil.childText("SessionsAuthorisedAbsence"), true);
        Integer unauthorised = checks.count("SessionsUnauthorisedAbsence", pupil.childText("SessionsUnauthorisedAbsence"), true);
        if (possible != null && possible == 0) {
            checks.problem("SessionsPossible '0' must be at least 1 (no attendance rate can be given)");
        } else if (possible != null && authorised != null && unauthorised != null && authorised + unauthorised > possible) {
            checks.problem("absences (" + authorised + " authorised + " + unauthorised
                    + " unauthorised) exceed SessionsPossible " + possible);
        }
        List<Map<String, Object>> exclusions = new ArrayList<>();
        for (XmlElement e : pupil.children("Exclusion")) {
            String type = checks.oneOf("Exclusion type", e.attribute("type"), EXCLUSION_TYPES, true);
            LocalDate start = checks.requiredDate("Exclusion start", e.attribute("start"));
            Integer days = checks.count("Exclusion days", e.attribute("days"), false);
            Map<String, Object> exclusion = new LinkedHashMap<>();
            exclusion.put("type", type);
            exclusion.put("start", start == null ? null : start.toString());
            exclusion.put("days", days);
            exclusions.add(exclusion);
        }
        if (!checks.ok()) {
            return ParsedItem.rejected(index, location, raw, checks.reason());
        }

        XmlElement a = pupil.child("Address");
        Address address = a == null ? Address.EMPTY : new Address(RowChecks.text(a.childText("Line1")),
                RowChecks.text(a.childText("Line2")), RowChecks.text(a.childText("Town")),
                RowChecks.text(a.childText("Postcode")), RowChecks.text(a.childText("UPRN")));
        Subject subject = new Subject(RowChecks.text(pupil.childText("Forename")), RowChecks.text(pupil.childText("Surname")),
                dateOfBirth, RowChecks.text(pupil.childText("Sex")), address,
                new Identifiers(null, upn, null, null, null, null));

        int attended = possible - authorised - unauthorised;
        double rate = BigDecimal.valueOf(attended).divide(BigDecimal.valueOf(possible), 4, RoundingMode.HALF_UP).doubleValue();
        List<Map<String, Object>> parents = new ArrayList<>();
        for (XmlElement p : pupil.children("Parent")) {
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put("relationship", RowChecks.text(p.attribute("relationship")));
            parent.put("givenName", RowChecks.text(p.childText("Forename")));
            parent.put("familyName", RowChecks.text(p.childText("Surname")));
            parents.add(parent);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
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
        XmlElement c = pupil.child("Contact");
        Involvement involvement = c == null ? null : new Involvement(header.schoolName(), RowChecks.text(c.attribute("role")),
                RowChecks.text(c.attribute("name")), RowChecks.text(c.attribute("phone")), RowChecks.text(c.attribute("email")),
                null, null);

        String sourceRecordId = RowChecks.key(header.schoolUrn(), upn, header.academicYear(), header.term());
        PartnerRecord record = new PartnerRecord(partner, "attendance", sourceRecordId, header.termStart(), subject,
                categories, facts, involvement);
        return ParsedItem.ok(index, location, raw, record);
    }
}
