package org.familyhub.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameworkCatalogTest {

    private final FrameworkCatalog catalog = FrameworkCatalog.shipped();

    @Test
    void shipsTheThreeFrameworksAndDefaultsToTf2015() {
        assertThat(catalog.all()).extracting(OutcomeFramework::id).containsExactly("tf-2012", "tf-2015", "sf-2022");
        assertThat(catalog.defaultFramework().id()).isEqualTo("tf-2015");
        assertThat(FrameworkCatalog.DEFAULT_ID).isEqualTo("tf-2015");
    }

    @Test
    void tf2015HasTheSixHeadlineCriteriaEligibleWithTwo() {
        OutcomeFramework f = catalog.get("tf-2015");
        assertThat(f.criteria()).extracting(Criterion::id).containsExactly("crime-asb", "school-attendance",
                "children-need-help", "worklessness-financial-exclusion", "domestic-abuse", "health");
        assertThat(f.eligibility().minimumCriteria()).isEqualTo(2);
        assertThat(f.claims().routes()).extracting(ClaimRules.Route::id).containsExactly("sustained-progress", "continuous-employment");
    }

    @Test
    void sf2022HasTenOutcomesAndSaysWhichNoFeedCanEvidence() {
        OutcomeFramework f = catalog.get("sf-2022");
        assertThat(f.criteria()).hasSize(10);
        assertThat(f.criteria()).filteredOn(c -> !c.evidenceAvailable()).extracting(Criterion::id)
                .containsExactly("early-years", "family-relationships");
        assertThat(f.eligibility().dependentChildrenRequired()).isTrue();
        assertThat(f.eligibility().minimumCriteria()).isEqualTo(3);
        assertThat(f.claims().sustainedAfterClosure()).hasMonths(6);
    }

    @Test
    void tf2012NeedsThreeWithTwoPlusLocalDiscretionAsAnOptIn() {
        OutcomeFramework f = catalog.get("tf-2012");
        assertThat(f.criteria()).hasSize(3);
        assertThat(f.eligibility().minimumCriteria()).isEqualTo(3);
        assertThat(f.eligibility().localDiscretion().enabled()).isFalse();
        assertThat(f.eligibility().localDiscretion().minimumCriteria()).isEqualTo(2);
    }

    @Test
    void anUnknownIdNamesTheFrameworksThatExist() {
        assertThatThrownBy(() -> catalog.get("tf-2099"))
                .hasMessageContaining("tf-2099").hasMessageContaining("tf-2012, tf-2015, sf-2022");
    }

    @Test
    void anUnknownCategoryOrOperatorFailsWithAClearMessage() {
        assertThatThrownBy(() -> FrameworkCatalog.readResource("frameworks-invalid/unknown-category.yaml"))
                .isInstanceOf(InvalidFrameworkException.class)
                .hasMessageContaining("frameworks-invalid/unknown-category.yaml is invalid")
                .hasMessageContaining("criterion 'crime' rule 1: unknown data category 'crime' (known: crime-asb,")
                .hasMessageContaining("unknown operator 'like' (known: lt, lte, gt, gte, eq, in, exists, true)");
    }

    @Test
    void anUnknownPropertyOrBadLookBackIsNamed() {
        String typo = valid().replace("lookBack: P12M", "lookback: P12M");
        assertThatThrownBy(() -> read(typo)).hasMessageContaining("unknown property 'lookback'");
        String badPeriod = valid().replace("lookBack: P12M", "lookBack: 12 months");
        assertThatThrownBy(() -> read(badPeriod)).hasMessageContaining("'12 months' is not an ISO-8601 period");
        String attendanceByMonths = valid().replace("lookBack: P12M",
                "lookBack: P12M\n        aggregate: {measure: attendance-rate, operator: lt, value: 0.9}");
        assertThatThrownBy(() -> read(attendanceByMonths)).hasMessageContaining("use lookBack {terms: N}");
    }

    @Test
    void aMinimumAboveTheEvidenceableCriteriaIsRefused() {
        assertThatThrownBy(() -> read(valid().replace("minimumCriteria: 1", "minimumCriteria: 2")))
                .hasMessageContaining("minimumCriteria 2 must be between 1 and 1");
    }

    private static String valid() {
        return """
                id: ok
                name: Minimal
                years: "2025"
                description: a valid framework
                criteria:
                  - id: crime
                    title: Crime
                    description: any crime record
                    rules:
                      - categories: [crime-asb]
                        lookBack: P12M
                eligibility:
                  description: one
                  minimumCriteria: 1
                  dependentChildrenRequired: false
                """;
    }

    private static OutcomeFramework read(String yaml) {
        return OutcomeFramework.read("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void claimRulesAreCheckedAgainstTheCriteriaAndMeasures() {
        String claims = valid() + """
                claims:
                  routes:
                    - {id: progress, everyIdentifiedCriterion: true}
                    - {id: work, requires: [employed, nowhere]}
                  progress:
                    - {id: employed, measure: continuous-employment, over: P6M}
                    - {id: attendance, criterion: crime, measure: attendance-rate, operator: gt, value: 0.9, over: P6M}
                """;
        assertThatThrownBy(() -> read(claims)).isInstanceOf(InvalidFrameworkException.class)
                .hasMessageContaining("claims progress 'employed': continuous-employment needs inWork and outOfWork record rules")
                .hasMessageContaining("claims progress 'attendance': attendance-rate is computed over school terms; use over {terms: N}")
                .hasMessageContaining("claims route 'work': unknown progress 'nowhere'");
    }

    @Test
    void aRouteNoFamilyCouldTakeIsRefused() {
        String noCrimeMeasure = valid() + """
                claims:
                  routes:
                    - {id: progress, everyIdentifiedCriterion: true}
                  progress:
                    - {id: quiet, criterion: crime, measure: record-count, operator: eq, value: 0, over: P6M}
                """;
        assertThat(read(noCrimeMeasure).claims().routes()).hasSize(1);
        assertThatThrownBy(() -> read(noCrimeMeasure.replace("operator: eq", "operator: like")))
                .hasMessageContaining("claims progress 'quiet': unknown operator 'like'");
        assertThatThrownBy(() -> read(noCrimeMeasure.replace("over: P6M", "over: {terms: 2}")))
                .hasMessageContaining("record-count is computed over a period");
        assertThatThrownBy(() -> read(noCrimeMeasure.replace("criterion: crime, ", "")))
                .hasMessageContaining("claims route 'progress': criterion 'crime' has no progress measure")
                .hasMessageContaining("claims progress 'quiet': record-count needs records, or a criterion");
    }

    @Test
    void theMinimalFileIsValid() {
        assertThat(read(valid()).criteria()).hasSize(1);
    }
}
