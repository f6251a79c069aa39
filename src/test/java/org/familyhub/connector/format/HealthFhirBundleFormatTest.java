package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.junit.jupiter.api.Test;

class HealthFhirBundleFormatTest {

    static final String EXAMPLE = """
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"https://fhir.example/Patient/p1","resource":{"resourceType":"Patient","id":"p1",
                "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}],
                "name":[{"family":"Smith","given":["Ava","Rose"]}],"gender":"female","birthDate":"2015-03-02",
                "address":[{"line":["1 High St","Foleshill"],"city":"Coventry","postalCode":"CV1 1AA"}]}},
              {"fullUrl":"https://fhir.example/EpisodeOfCare/e1","resource":{"resourceType":"EpisodeOfCare","id":"e1",
                "contained":[{"resourceType":"Practitioner","id":"nurse","name":[{"family":"Okoro","given":["Ada"]}],
                  "telecom":[{"system":"email","value":"ada.okoro@nhs.example"},{"system":"phone","value":"024 7600 2222"}]}],
                "status":"finished",
                "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"SCHOOL_NURSING"}]}],
                "patient":{"reference":"Patient/p1"},"managingOrganization":{"display":"Coventry School Nursing"},
                "period":{"start":"2025-01-06","end":"2025-07-18"},"careManager":{"reference":"#nurse"}}},
              {"fullUrl":"urn:uuid:e2","resource":{"resourceType":"EpisodeOfCare","id":"e2","status":"active",
                "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"ADULT_MENTAL_HEALTH"}]}],
                "patient":{"reference":"Patient/p9"}}}
            ]}
            """;

    private final HealthFhirBundleFormat format = new HealthFhirBundleFormat();

    @Test
    void mapsAnEpisodeWithItsPatientAndContainedPractitioner() throws Exception {
        List<ParsedItem> items = format.parse("health", EXAMPLE, Feeds.RECEIVED);
        assertThat(items).extracting(ParsedItem::position).containsExactly(2, 3);
        ParsedItem item = items.get(0);
        assertThat(item.location()).isEqualTo("entry 2");
        assertThat(item.raw()).startsWith("{\"resourceType\":\"EpisodeOfCare\",\"id\":\"e1\"");

        PartnerRecord r = item.record();
        assertThat(r.dataset()).isEqualTo("episodes-of-care");
        assertThat(r.sourceRecordId()).isEqualTo("e1");
        assertThat(r.observedAt()).isEqualTo(LocalDate.of(2025, 7, 18));
        assertThat(r.categories()).containsExactly(DataCategory.HEALTH_PHYSICAL);
        assertThat(r.subject().identifiers().nhsNumber()).isEqualTo("9434765919");
        assertThat(r.subject().givenName()).isEqualTo("Ava");
        assertThat(r.subject().familyName()).isEqualTo("Smith");
        assertThat(r.subject().sex()).isEqualTo("F");
        assertThat(r.subject().dateOfBirth()).isEqualTo(LocalDate.of(2015, 3, 2));
        assertThat(r.subject().address().line1()).isEqualTo("1 High St");
        assertThat(r.subject().address().line2()).isEqualTo("Foleshill");
        assertThat(r.subject().address().postcode()).isEqualTo("CV1 1AA");
        assertThat(r.facts()).containsOnlyKeys("episodeId", "episodeType", "status", "periodStart", "periodEnd", "organisation");
        assertThat(r.facts().get("status")).isEqualTo("finished");
        assertThat(r.facts().get("periodStart")).isEqualTo("2025-01-06");
        assertThat(r.facts().get("organisation")).isEqualTo("Coventry School Nursing");
        assertThat(r.involvement()).isEqualTo(new Involvement("Coventry School Nursing", "School nursing", "Ada Okoro",
                "024 7600 2222", "ada.okoro@nhs.example", LocalDate.of(2025, 1, 6), LocalDate.of(2025, 7, 18)));
    }

    @Test
    void quarantinesAnEpisodeWhosePatientIsNotInTheBundle() throws Exception {
        ParsedItem item = format.parse("health", EXAMPLE, Feeds.RECEIVED).get(1);
        assertThat(item.isOk()).isFalse();
        assertThat(item.location()).isEqualTo("entry 3");
        assertThat(item.problem()).isEqualTo("EpisodeOfCare.patient 'Patient/p9' is not a Patient in this bundle");
    }

    @Test
    void quarantinesAnEntryWithABadValueOrAnUnknownTypeAndKeepsTheRest() throws Exception {
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                  {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p1","name":[{"family":"Lee","given":["Ann"]}]}},
                  {"resource":{"resourceType":"EpisodeOfCare","id":"e1","patient":{"reference":"urn:uuid:p1"},
                    "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"LONG_TERM_CONDITION"}]}]}},
                  {"resource":{"resourceType":"EpisodeOfCare","id":"e2","patient":{"reference":"urn:uuid:p1"},
                    "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"CAMHS"}]}],
                    "period":{"start":"not-a-date"}}},
                  {"resource":{"resourceType":"EpisodeOfCare","id":"e3","patient":{"reference":"urn:uuid:p1"},
                    "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"DENTAL"}]}]}},
                  {"resource":{"resourceType":"EpisodeOfCare","patient":{"reference":"urn:uuid:p1"},
                    "type":[{"coding":[{"system":"http://snomed.info/sct","code":"12345"}]}]}}
                ]}
                """;
        List<ParsedItem> items = format.parse("health", json, Feeds.RECEIVED);
        assertThat(items).extracting(ParsedItem::position).containsExactly(2, 3, 4, 5);
        assertThat(items.get(0).isOk()).isTrue();
        assertThat(items.get(0).record().categories()).containsExactly(DataCategory.HEALTH_PHYSICAL);
        assertThat(items.get(0).record().subject().identifiers().nhsNumber()).isNull();
        assertThat(items.get(1).problem()).startsWith("the EpisodeOfCare cannot be read: ").contains("not-a-date");
        assertThat(items.get(2).problem()).isEqualTo("EpisodeOfCare.type code 'DENTAL' is not one of HEALTH_VISITING, "
                + "SCHOOL_NURSING, CAMHS, ADULT_MENTAL_HEALTH, SUBSTANCE_MISUSE, LONG_TERM_CONDITION");
        assertThat(items.get(3).problem()).isEqualTo("EpisodeOfCare.id is missing; "
                + "EpisodeOfCare.type has no coding with system https://familyhub.example/episode-type");
    }

    @Test
    void parsesTheSampleFile() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "health", Feeds.sample("health", "episodes.json"));
        assertThat(items).hasSize(3).allMatch(ParsedItem::isOk);
        assertThat(items).extracting(ParsedItem::position).containsExactly(2, 4, 6);
        assertThat(items).extracting(i -> i.record().sourceRecordId()).containsExactly("ep-camhs-1001", "ep-hv-2002", "ep-sm-3003");
        assertThat(items).extracting(i -> i.record().categories().iterator().next())
                .containsExactly(DataCategory.HEALTH_MENTAL, DataCategory.HEALTH_PHYSICAL, DataCategory.SUBSTANCE_MISUSE);
        // resolved by fullUrl (urn:uuid), telecom from extensions
        PartnerRecord visiting = items.get(1).record();
        assertThat(visiting.subject().identifiers().nhsNumber()).isEqualTo("6124839024");
        assertThat(visiting.observedAt()).isEqualTo(Feeds.RECEIVED);
        assertThat(visiting.involvement().phone()).isEqualTo("024 7696 2200");
        assertThat(visiting.involvement().email()).isEqualTo("claire.hughes@familyhealth.nhs.example");
        assertThat(items.get(0).record().involvement().professional()).isEqualTo("Dr Priya Shah");
    }

    @Test
    void mapsGenderToSexCodes() throws Exception {
        assertThat(sexFor("male")).isEqualTo("M");
        assertThat(sexFor("other")).isEqualTo("X");
        assertThat(sexFor("unknown")).isEqualTo("U");
    }

    private String sexFor(String gender) throws Exception {
        return format.parse("health", EXAMPLE.replace("\"female\"", "\"" + gender + "\""), Feeds.RECEIVED)
                .get(0).record().subject().sex();
    }

    @Test
    void refusesABundleOfTheWrongType() {
        assertThatThrownBy(() -> Feeds.parse(format, "health", Feeds.bad("fhir-transaction.json")))
                .isInstanceOf(UnreadableFeedException.class)
                .hasMessage("a FHIR Bundle of type 'transaction' is refused: expected type collection or searchset");
    }

    @Test
    void acceptsASearchsetBundle() throws Exception {
        assertThat(format.parse("health", EXAMPLE.replace("\"collection\"", "\"searchset\""), Feeds.RECEIVED)).hasSize(2);
    }

    @Test
    void refusesSomethingThatIsNotABundle() {
        assertThatThrownBy(() -> format.parse("health", "{\"resourceType\":\"Patient\",\"id\":\"p1\"}", Feeds.RECEIVED))
                .hasMessage("not a FHIR Bundle: expected resourceType Bundle, found Patient");
        assertThatThrownBy(() -> Feeds.parse(format, "health", Feeds.bad("truncated.json")))
                .hasMessage("truncated JSON: unexpected end of input at line 4");
    }

    @Test
    void aPatientMayComeLaterAndAnUnreadableOneFailsOnlyTheEpisodesThatReferToIt() throws Exception {
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                  {"resource":{"resourceType":"EpisodeOfCare","id":"e1","patient":{"reference":"Patient/later"},
                    "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"CAMHS"}]}]}},
                  {"resource":{"resourceType":"EpisodeOfCare","id":"e2","patient":{"reference":"urn:uuid:bad"},
                    "type":[{"coding":[{"system":"https://familyhub.example/episode-type","code":"CAMHS"}]}]}},
                  {"fullUrl":"urn:uuid:bad","resource":{"resourceType":"Patient","id":"bad","birthDate":"2015-13-45"}},
                  {"fullUrl":"urn:uuid:unused","resource":{"resourceType":"Patient","id":"unused","gender":"not-a-gender"}},
                  {"resource":{"resourceType":"Organization","id":"o1","active":"not-a-boolean"}},
                  {"resource":{"resourceType":"Patient","id":"later","name":[{"family":"Lee","given":["Ann"]}]}}
                ]}
                """;
        List<ParsedItem> items = format.parse("health", json, Feeds.RECEIVED);
        assertThat(items).extracting(ParsedItem::position).containsExactly(1, 2);
        assertThat(items.get(0).isOk()).isTrue();
        assertThat(items.get(0).record().subject().familyName()).isEqualTo("Lee");
        assertThat(items.get(1).problem()).startsWith("EpisodeOfCare.patient 'urn:uuid:bad' (entry 3): the Patient cannot be read: ")
                .contains("2015-13-45");
        assertThat(items.get(1).raw()).isEqualTo("{\"resourceType\":\"EpisodeOfCare\",\"id\":\"e2\",\"patient\":"
                + "{\"reference\":\"urn:uuid:bad\"},\"type\":[{\"coding\":[{\"system\":"
                + "\"https://familyhub.example/episode-type\",\"code\":\"CAMHS\"}]}]}");
    }
}
