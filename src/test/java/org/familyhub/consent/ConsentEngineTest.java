package org.familyhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.familyhub.record.DataCategory;
import org.familyhub.record.PartnerRecord;
import org.junit.jupiter.api.Test;

/**
 * The engine works out what a list of agreements implies once and reuses it for the next records given the same
 * list: a changed agreement must still apply to the very next record, whichever way the change arrives.
 */
class ConsentEngineTest {

    private static final ConsentEngine ENGINE = ConsentDecisionCasesTest.ENGINE;
    private static final LocalDate DATE = LocalDate.of(2026, 6, 1);

    private static SharingAgreement school(String status, List<String> fields) {
        SharingAgreement a = ConsentDecisionCasesTest.BASELINE.stream().filter(x -> x.partner().equals("school")).findFirst()
                .orElseThrow();
        return new SharingAgreement(a.id(), a.version(), a.partner(), status, a.categories(), a.purposes(), a.gateways(),
                fields, a.retentionDays(), a.validFrom(), a.validTo(), a.specialCategoryCondition(),
                a.criminalOffenceCondition(), a.author(), a.approver());
    }

    private static PartnerRecord pupil() {
        return ConsentDecisionCasesTest.recordAsSentBy("school", DataCategory.EDUCATION_ATTENDANCE, DATE);
    }

    @Test
    void aSuspensionAppliesToTheNextRecordWhetherInANewListOrTheSameListChanged() {
        List<SharingAgreement> active = List.of(school("ACTIVE", null));
        for (int i = 0; i < 3; i++) {
            assertThat(ENGINE.decide(pupil(), active, ConsentIndex.EMPTY, null).decision().rule()).isEqualTo("PERMITTED");
        }
        assertThat(ENGINE.decide(pupil(), List.of(school("SUSPENDED", null)), ConsentIndex.EMPTY, null).decision().rule())
                .isEqualTo("NO_ACTIVE_AGREEMENT");

        List<SharingAgreement> changing = new ArrayList<>(active);
        assertThat(ENGINE.decide(pupil(), changing, ConsentIndex.EMPTY, null).decision().permitted()).isTrue();
        changing.set(0, school("SUSPENDED", null));
        assertThat(ENGINE.decide(pupil(), changing, ConsentIndex.EMPTY, null).decision().rule()).isEqualTo("NO_ACTIVE_AGREEMENT");
        changing.set(0, school("ACTIVE", List.of("givenName", "familyName", "facts")));
        ConsentEngine.Decided narrowed = ENGINE.decide(pupil(), changing, ConsentIndex.EMPTY, null);
        assertThat(narrowed.decision().rule()).isEqualTo("PERMITTED_REDACTED");
        assertThat(narrowed.decision().droppedFields()).containsExactly("address.line1", "address.town", "address.postcode",
                "address.uprn", "upn", "dateOfBirth", "sex", "involvement");
        assertThat(narrowed.record().facts()).containsEntry("detail", "as sent");
    }

    @Test
    void theSameAgreementsGiveTheSameAnswerAndReasonEveryTime() {
        List<SharingAgreement> narrow = List.of(school("ACTIVE", List.of("givenName", "address.postcode", "facts.other")));
        ConsentEngine.Decided first = ENGINE.decide(pupil(), narrow, ConsentIndex.EMPTY, null);
        ConsentEngine.Decided again = ENGINE.decide(pupil(), narrow, ConsentIndex.EMPTY, null);
        assertThat(again).isEqualTo(first);
        assertThat(first.decision().droppedFields()).contains("facts.detail").doesNotContain("address.postcode");
        assertThat(first.decision().reason()).startsWith("permitted under isa-school (dea-2017-s35) for ")
                .endsWith("; fields outside the agreement dropped: " + String.join(", ", first.decision().droppedFields()));
        assertThat(first.decision().purposes()).isEqualTo(Set.of("identification", "assessment", "case-coordination",
                "outcome-evidence"));
    }
}
