package org.familyhub.connector.format;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Health episodes of care as a FHIR R4 Bundle in JSON (partner-feeds.md "health"). The bundle is read once with
 * Jackson; each episode's resource is parsed on its own with HAPI from that tree, so one entry with a bad value is
 * quarantined while the rest go on. A Patient is parsed only when an episode refers to it; other entries are not
 * parsed at all, since nothing is taken from them.
 */
public final class HealthFhirBundleFormat implements FeedFormat {

    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    static final String EPISODE_TYPE_SYSTEM = "https://familyhub.example/episode-type";
    private static final Map<String, String> EPISODE_TYPES = episodeTypes();
    private static final Set<String> BUNDLE_TYPES = Set.of("collection", "searchset");

    // Building a FhirContext is expensive; it is thread-safe, so one serves every parse
    private static final FhirContext FHIR = warmedUp(FhirContext.forR4());

    @Override
    public String id() {
        return "health-fhir-bundle";
    }

    /** Episode type code → the role in words shown to key workers. */
    private static Map<String, String> episodeTypes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("HEALTH_VISITING", "Health visiting");
        m.put("SCHOOL_NURSING", "School nursing");
        m.put("CAMHS", "Child and adolescent mental health (CAMHS)");
        m.put("ADULT_MENTAL_HEALTH", "Adult mental health");
        m.put("SUBSTANCE_MISUSE", "Substance misuse");
        m.put("LONG_TERM_CONDITION", "Long-term condition");
        return m;
    }

    private static IParser parser() {
        return parser(FHIR);
    }

    private static IParser parser(FhirContext fhir) {
        // Unknown elements are tolerated; a value of the wrong type (a bad date) fails that entry
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
    }

    /**
     * HAPI scans its whole R4 model (every resource type's classes) the first time a context is used, which takes
     * seconds on a busy machine: done here, while the hub starts, rather than inside the first health batch.
     */
    private static FhirContext warmedUp(FhirContext fhir) {
        IParser parser = parser(fhir);
        for (String resource : List.of(
                "{\"resourceType\":\"Patient\",\"id\":\"p\",\"birthDate\":\"2015-03-02\",\"name\":[{\"family\":\"A\"}]}",
                "{\"resourceType\":\"EpisodeOfCare\",\"id\":\"e\",\"status\":\"active\",\"patient\":{\"reference\":\"Patient/p\"}}")) {
            try {
                parseTree(parser, (ObjectNode) JsonText.read(resource));
            } catch (UnreadableFeedException | DataFormatException e) {
                throw new IllegalStateException("HAPI FHIR cannot read a minimal " + resource, e);
            }
        }
        return fhir;
    }

    /** HAPI reads a resource straight from a Jackson tree: no re-serialising, no second JSON parse. */
    private static Resource parseTree(IParser parser, ObjectNode resource) {
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(resource);
        return (Resource) ((IJsonLikeParser) parser).parseResource(structure);
    }

    /**
     * One entry of Bundle.entry: its 1-based index, fullUrl and JSON, and once {@link #read} the parsed resource or the
     * reason it cannot be read. A Patient is read only when an episode refers to it, and then once.
     */
    private static final class Entry {
        final int index;
        final String fullUrl;
        final JsonNode node;
        private boolean read;
        private Resource resource;
        private String error;

        Entry(int index, JsonNode node) {
            this.index = index;
            this.fullUrl = node.path("fullUrl").asText(null);
            this.node = node;
        }

        /** The original JSON of the resource (of the whole entry when it has none), kept for the quarantine. */
        String json() {
            JsonNode resource = node.path("resource");
            return resource.isMissingNode() ? node.toString() : resource.toString();
        }

        /** Parses the resource with HAPI from the bundle's JSON tree, once. */
        Entry read(IParser parser) {
            if (read) {
                return this;
            }
            read = true;
            JsonNode json = node.path("resource");
            if (!json.isObject()) {
                error = "the entry has no resource";
                return this;
            }
            try {
                resource = parseTree(parser, (ObjectNode) json);
            } catch (DataFormatException e) {
                error = "the " + json.path("resourceType").asText("resource") + " cannot be read: " + hapiMessage(e);
            }
            return this;
        }

        Resource resource() {
            return resource;
        }

        String error() {
            return error;
        }
    }

    @Override
    public List<ParsedItem> parse(String partner, String text, LocalDate receivedOn) throws UnreadableFeedException {
        JsonNode bundle = JsonText.read(text);
        if (!bundle.isObject() || !"Bundle".equals(bundle.path("resourceType").asText(null))) {
            String found = bundle.isObject() ? bundle.path("resourceType").asText("no resourceType") : "not a JSON object";
            throw new UnreadableFeedException("not a FHIR Bundle: expected resourceType Bundle, found " + found);
        }
        String type = bundle.path("type").asText(null);
        if (!BUNDLE_TYPES.contains(type)) {
            throw new UnreadableFeedException("a FHIR Bundle of type '" + type + "' is refused: expected type collection or searchset");
        }
        JsonNode entryNodes = bundle.path("entry");
        if (!entryNodes.isMissingNode() && !entryNodes.isArray()) {
            throw new UnreadableFeedException("not a FHIR Bundle: Bundle.entry must be an array");
        }
        IParser parser = parser();
        // Patients by fullUrl and by Patient/id (a later entry wins), found from the JSON alone
        List<Entry> episodes = new ArrayList<>();
        Map<String, Entry> patients = new HashMap<>();
        for (int i = 0; i < entryNodes.size(); i++) {
            JsonNode node = entryNodes.get(i);
            if (isType(node, "Patient")) {
                Entry entry = new Entry(i + 1, node);
                if (entry.fullUrl != null) {
                    patients.put(entry.fullUrl, entry);
                }
                String id = node.path("resource").path("id").asText(null);
                if (id != null) {
                    patients.put("Patient/" + id, entry);
                }
            } else if (isType(node, "EpisodeOfCare")) {
                episodes.add(new Entry(i + 1, node));
            }
        }
        List<ParsedItem> items = new ArrayList<>(episodes.size());
        for (Entry entry : episodes) {
            String json = entry.json();
            entry.read(parser);
            if (entry.resource() instanceof EpisodeOfCare episode) {
                items.add(mapEpisode(partner, entry, json, episode, patients, parser, receivedOn));
            } else if (entry.error() != null) {
                items.add(ParsedItem.rejected(entry.index, "entry " + entry.index, json, entry.error()));
            }
        }
        return items;
    }

    private static boolean isType(JsonNode entry, String resourceType) {
        return resourceType.equals(entry.path("resource").path("resourceType").asText(null));
    }

    /** HAPI prefixes its messages with a code such as "HAPI-1821: "; partners need only the words. */
    private static String hapiMessage(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("HAPI-\\d+: ", "").strip();
    }

    private static ParsedItem mapEpisode(String partner, Entry entry, String json, EpisodeOfCare episode,
                                         Map<String, Entry> patients, IParser parser, LocalDate receivedOn) {
        int index = entry.index;
        String location = "entry " + index;
        RowChecks checks = new RowChecks();
        String episodeId = checks.required("EpisodeOfCare.id", episode.getIdElement().getIdPart());
        String code = null;
        var coding = episode.getType().stream().flatMap(t -> t.getCoding().stream())
                .filter(c -> EPISODE_TYPE_SYSTEM.equals(c.getSystem())).findFirst();
        if (coding.isEmpty()) {
            checks.problem("EpisodeOfCare.type has no coding with system " + EPISODE_TYPE_SYSTEM);
        } else {
            code = checks.oneOf("EpisodeOfCare.type code", coding.get().getCode(), EPISODE_TYPES.keySet(), true);
        }
        LocalDate periodStart = date(checks, "EpisodeOfCare.period.start", episode.getPeriod().getStartElement());
        LocalDate periodEnd = date(checks, "EpisodeOfCare.period.end", episode.getPeriod().getEndElement());

        Patient patient = null;
        String patientRef = episode.getPatient().getReference();
        if (patientRef == null || patientRef.isBlank()) {
            checks.problem("EpisodeOfCare.patient has no reference");
        } else {
            Entry p = patients.get(patientRef);
            if (p == null) {
                checks.problem("EpisodeOfCare.patient '" + patientRef + "' is not a Patient in this bundle");
            } else if (p.read(parser).error() != null) {
                checks.problem("EpisodeOfCare.patient '" + patientRef + "' (entry " + p.index + "): " + p.error());
            } else {
                patient = (Patient) p.resource();
            }
        }
        Subject subject = patient == null ? null : subject(patient, checks);
        if (!checks.ok()) {
            return ParsedItem.rejected(index, location, json, checks.reason());
        }

        Set<DataCategory> categories = EnumSet.of(switch (code) {
            case "CAMHS", "ADULT_MENTAL_HEALTH" -> DataCategory.HEALTH_MENTAL;
            case "SUBSTANCE_MISUSE" -> DataCategory.SUBSTANCE_MISUSE;
            default -> DataCategory.HEALTH_PHYSICAL;
        });
        String organisation = RowChecks.text(episode.getManagingOrganization().getDisplay());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("episodeId", episodeId);
        facts.put("episodeType", code);
        facts.put("status", episode.hasStatus() ? episode.getStatus().toCode() : null);
        facts.put("periodStart", periodStart == null ? null : periodStart.toString());
        facts.put("periodEnd", periodEnd == null ? null : periodEnd.toString());
        facts.put("organisation", organisation);

        PartnerRecord record = new PartnerRecord(partner, "episodes-of-care", episodeId,
                periodEnd != null ? periodEnd : receivedOn, subject, categories, facts,
                involvement(episode, EPISODE_TYPES.get(code), organisation, periodStart, periodEnd));
        return ParsedItem.ok(index, location, json, record);
    }

    private static Subject subject(Patient patient, RowChecks checks) {
        String nhsNumber = patient.getIdentifier().stream().filter(i -> NHS_NUMBER_SYSTEM.equals(i.getSystem()))
                .map(i -> RowChecks.text(i.getValue())).findFirst().orElse(null);
        HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(patient.getNameFirstRep());
        String given = name.getGiven().isEmpty() ? null : RowChecks.text(name.getGiven().get(0).getValue());
        LocalDate birthDate = date(checks, "Patient.birthDate", patient.getBirthDateElement());
        String sex = !patient.hasGender() ? null : switch (patient.getGender()) {
            case MALE -> "M";
            case FEMALE -> "F";
            case OTHER -> "X";
            default -> "U";
        };
        Address address = Address.EMPTY;
        if (patient.hasAddress()) {
            var a = patient.getAddressFirstRep();
            List<StringType> lines = a.getLine();
            address = new Address(lines.isEmpty() ? null : RowChecks.text(lines.get(0).getValue()),
                    lines.size() < 2 ? null : RowChecks.text(lines.get(1).getValue()), RowChecks.text(a.getCity()),
                    RowChecks.text(a.getPostalCode()), null);
        }
        return new Subject(given, RowChecks.text(name.getFamily()), birthDate, sex, address,
                new Identifiers(nhsNumber, null, null, null, null, null));
    }

    /** A FHIR date or dateTime as a calendar date; a partial date (year or month only) is refused, not guessed. */
    private static LocalDate date(RowChecks checks, String field, PrimitiveType<?> value) {
        String v = value == null ? null : RowChecks.text(value.getValueAsString());
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            checks.problem(field + " '" + v + "' is not a full date (expected yyyy-MM-dd)");
            return null;
        }
    }

    /** The care manager: name from the reference's display or a contained Practitioner; phone and email from telecom. */
    private static Involvement involvement(EpisodeOfCare episode, String role, String organisation, LocalDate since,
                                           LocalDate until) {
        Reference manager = episode.getCareManager();
        String professional = RowChecks.text(manager.getDisplay());
        String phone = null;
        String email = null;
        List<ContactPoint> telecom = new ArrayList<>();
        Practitioner practitioner = containedPractitioner(episode, manager.getReference());
        if (practitioner != null) {
            telecom.addAll(practitioner.getTelecom());
            if (professional == null && practitioner.hasName()) {
                professional = RowChecks.text(practitioner.getNameFirstRep().getNameAsSingleString());
            }
        }
        for (Extension ext : concat(episode.getExtension(), manager.getExtension())) {
            if (ext.getValue() instanceof ContactPoint cp) {
                telecom.add(cp);
            }
        }
        for (ContactPoint cp : telecom) {
            if (cp.getSystem() == ContactPoint.ContactPointSystem.PHONE && phone == null) {
                phone = RowChecks.text(cp.getValue());
            } else if (cp.getSystem() == ContactPoint.ContactPointSystem.EMAIL && email == null) {
                email = RowChecks.text(cp.getValue());
            }
        }
        return new Involvement(organisation, role, professional, phone, email, since, until);
    }

    private static Practitioner containedPractitioner(EpisodeOfCare episode, String reference) {
        if (reference == null || !reference.startsWith("#")) {
            return null;
        }
        String id = reference.substring(1);
        for (Resource r : episode.getContained()) {
            String containedId = r.getIdElement().getIdPart();
            if (r instanceof Practitioner p && containedId != null && containedId.replace("#", "").equals(id)) {
                return p;
            }
        }
        return null;
    }

    private static List<Extension> concat(List<Extension> a, List<Extension> b) {
        List<Extension> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
