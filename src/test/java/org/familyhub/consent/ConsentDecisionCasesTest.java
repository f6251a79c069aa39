package org.familyhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.familyhub.config.HubPaths;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the decision table {@code consent/cases/decisions.cases.yaml} against the shipped gateways and baseline
 * agreements: each gateway × category sensitivity × consent state × purpose the IG officers wrote down.
 */
class ConsentDecisionCasesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final HubPaths HOME = new HubPaths(".", "");
    static final ConsentEngine ENGINE = new ConsentEngine(new GatewayCatalog(HOME));
    static final List<SharingAgreement> BASELINE = new AgreementRegistry(HOME).all();
    static final LocalDate DEFAULT_DATE = LocalDate.of(2026, 6, 1);

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> result = new ArrayList<>();
        for (JsonNode c : YAML.readTree(Path.of("consent/cases/decisions.cases.yaml").toFile())) {
            result.add(Arguments.of(c.get("name").asText(), c));
        }
        return result.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, JsonNode c) {
        String partner = c.get("partner").asText();
        DataCategory category = DataCategory.fromId(c.get("category").asText()).orElseThrow();
        LocalDate date = c.has("date") ? LocalDate.parse(c.get("date").asText()) : DEFAULT_DATE;

        PartnerRecord record = recordAsSentBy(partner, category, date);

        ConsentEngine.Decided d = ENGINE.decide(record, agreements(partner, c), consents(c), text(c, "justification"));

        JsonNode expect = c.get("expect");
        assertThat(d.decision().outcome().name()).as(d.decision().reason()).isEqualTo(expect.get("outcome").asText());
        assertThat(d.decision().rule()).as(d.decision().reason()).isEqualTo(expect.get("rule").asText());
        assertThat(d.decision().reason()).isNotBlank();
        if (expect.has("purposes")) {
            assertThat(d.decision().purposes()).containsExactlyInAnyOrderElementsOf(strings(expect.get("purposes")));
        }
        if (expect.has("dropped")) {
            assertThat(d.decision().droppedFields()).containsExactlyInAnyOrderElementsOf(strings(expect.get("dropped")));
            assertThat(d.record().subject().sex()).isNull();
            assertThat(d.record().involvement()).isNull();
            assertThat(d.record().subject().givenName()).isEqualTo("Mia");
        }
        assertThat(d.decision().flagged()).isEqualTo(expect.path("flagged").asBoolean(false));
        if (d.decision().permitted()) {
            assertThat(d.record()).isNotNull();
            assertThat(d.decision().agreementIds()).isNotEmpty();
            assertThat(d.decision().gateways()).isNotEmpty();
        } else {
            assertThat(d.record()).as("a refused record is not kept in any form").isNull();
        }
    }

    /** Mia as each partner's feed describes her: the identifiers and fields that partner's format carries. */
    static PartnerRecord recordAsSentBy(String partner, DataCategory category, LocalDate date) {
        Identifiers ids = switch (partner) {
            case "health" -> new Identifiers("9434765919", null, null, null, null, null);
            case "school" -> new Identifiers(null, "A123456789012", null, null, null, null);
            case "police" -> new Identifiers(null, null, null, "2014/0123456A", null, null);
            case "probation" -> new Identifiers(null, null, null, "2014/0123456A", "X123456", null);
            case "housing" -> new Identifiers(null, null, null, null, null, "CH-T-004521");
            case "dwp" -> new Identifiers(null, null, "JT482915A", null, null, null);
            default -> Identifiers.NONE;
        };
        boolean sendsSex = Set.of("police", "school", "health").contains(partner);
        Subject mia = new Subject("Mia", "O'Neill", LocalDate.of(2014, 8, 30), sendsSex ? "F" : null,
                new Address("27 Stoney Stanton Road", null, "Coventry", "CV1 4FS", "100070000101"), ids);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("detail", "as sent");
        Involvement worker = "dwp".equals(partner) ? null
                : new Involvement("Service", "Worker", "A Worker", "024 7600 0000", "a@example.org", null, null);
        return new PartnerRecord(partner, "test", "REC-1", date, mia, Set.of(category), facts, worker);
    }

    /** The partner's baseline agreement, with the case's overrides. */
    static List<SharingAgreement> agreements(String partner, JsonNode c) {
        List<SharingAgreement> result = new ArrayList<>();
        for (SharingAgreement a : BASELINE) {
            if (!a.partner().equals(partner)) {
                continue;
            }
            result.add(new SharingAgreement(a.id(), a.version(), a.partner(),
                    c.has("status") ? c.get("status").asText() : a.status(), a.categories(),
                    c.has("purposes") ? new LinkedHashSet<>(strings(c.get("purposes"))) : a.purposes(),
                    c.has("gateways") ? strings(c.get("gateways")) : a.gateways(),
                    c.has("fields") ? strings(c.get("fields")) : a.fields(), a.retentionDays(), a.validFrom(), a.validTo(),
                    c.has("specialCategoryCondition") ? text(c, "specialCategoryCondition") : a.specialCategoryCondition(),
                    c.has("criminalOffenceCondition") ? text(c, "criminalOffenceCondition") : a.criminalOffenceCondition(),
                    a.author(), a.approver()));
        }
        return result;
    }

    static ConsentIndex consents(JsonNode c) {
        String state = c.path("consent").asText("none");
        String partner = c.get("partner").asText();
        String category = c.get("category").asText();
        Consent.ConsentPerson byNhs = new Consent.ConsentPerson("Mia", "O'Neill", LocalDate.of(2014, 8, 30), null,
                "943 476 5919", null, null);
        Consent.ConsentPerson byName = new Consent.ConsentPerson("mia", "O'NEILL", LocalDate.of(2014, 8, 30), "cv14fs",
                null, null, null);
        Set<String> all = Set.of("identification", "assessment", "case-coordination", "outcome-evidence", "claim");
        LocalDate given = LocalDate.of(2025, 1, 1);
        Consent consent = switch (state) {
            case "none" -> null;
            case "active" -> new Consent(UUID.randomUUID(), byNhs, Set.of(partner), Set.of(category), all, "PARENT", given, null, "form 1", null);
            case "name-dob-postcode" -> new Consent(UUID.randomUUID(), byName, Set.of("*"), Set.of(category), all, "PARENT", given, null, "form 2", null);
            case "expired" -> new Consent(UUID.randomUUID(), byNhs, Set.of(partner), Set.of(category), all, "PARENT", given,
                    LocalDate.of(2025, 12, 31), "form 3", null);
            case "withdrawn" -> new Consent(UUID.randomUUID(), byNhs, Set.of(partner), Set.of(category), all, "PARENT", given, null,
                    "form 4", Instant.parse("2026-01-01T00:00:00Z"));
            case "other-partner" -> new Consent(UUID.randomUUID(), byNhs, Set.of("school"), Set.of(category), all, "PARENT", given, null, "form 5", null);
            case "other-category" -> new Consent(UUID.randomUUID(), byNhs, Set.of(partner), Set.of("housing"), all, "PARENT", given, null, "form 6", null);
            case "identification-only" -> new Consent(UUID.randomUUID(), byNhs, Set.of(partner), Set.of(category),
                    Set.of("identification"), "PARENT", given, null, "form 7", null);
            default -> throw new IllegalArgumentException("unknown consent state " + state);
        };
        return consent == null ? ConsentIndex.EMPTY : new ConsentIndex(List.of(consent));
    }

    static List<String> strings(JsonNode array) {
        List<String> r = new ArrayList<>();
        array.forEach(n -> r.add(n.asText()));
        return r;
    }

    static String text(JsonNode c, String field) {
        return c.hasNonNull(field) ? c.get(field).asText() : null;
    }
}
