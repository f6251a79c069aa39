package org.familyhub.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.familyhub.family.Families.dwp;
import static org.familyhub.family.Families.exclusion;
import static org.familyhub.family.Families.family;
import static org.familyhub.family.Families.health;
import static org.familyhub.family.Families.housing;
import static org.familyhub.family.Families.member;
import static org.familyhub.family.Families.police;
import static org.familyhub.family.Families.probation;
import static org.familyhub.family.Families.school;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CriteriaEvaluatorTest {

    private static final FrameworkCatalog CATALOG = FrameworkCatalog.shipped();
    /** In the summer term of 2024/25: the last three terms are autumn 2024, spring 2025, summer 2025. */
    private static final LocalDate ON = LocalDate.of(2025, 6, 15);
    private static final LocalDate CHILD_DOB = LocalDate.of(2012, 3, 1);
    private static final LocalDate ADULT_DOB = LocalDate.of(1985, 5, 20);

    private static FamilyAssessment assess(String framework, List<MemberRecords> family) {
        return new CriteriaEvaluator(CATALOG.get(framework)).evaluate(family, ON);
    }

    // School attendance under tf-2015: the rate over the sessions of the last three terms
    /** 1000 sessions over three terms, {@code absent} of them missed; a dreadful fourth term earlier must not count. */
    private FamilyAssessment withAbsences(int absent) {
        int autumnAbsent = absent - 20;
        return assess("tf-2015", family(member("child", CHILD_DOB,
                school("2023/24", "SUMMER", 300, 100, 100),
                school("2024/25", "AUTUMN", 400, autumnAbsent / 2, autumnAbsent - autumnAbsent / 2),
                school("2024/25", "SPRING", 300, 10, 0),
                school("2024/25", "SUMMER", 300, 5, 5))));
    }

    @Test
    void attendanceOf89point9PercentOverThreeTermsIsMet() {
        CriterionResult r = withAbsences(101).criterion("school-attendance");
        assertThat(r.met()).isTrue();
        assertThat(r.evidence()).hasSize(3).allSatisfy(e -> {
            assertThat(e.finding()).isEqualTo("attendance 89.90% (899 of 1000 sessions) over 3 terms");
            assertThat(e.category()).isEqualTo("education-attendance");
            assertThat(e.basis()).containsExactly("isa-school", "dea-2017-s35");
        });
        assertThat(r.evidence()).extracting(Evidence::observedAt)
                .containsExactly(LocalDate.of(2024, 9, 1), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1));
    }

    @Test
    void attendanceOfExactly90PercentIsNotMet() {
        assertThat(withAbsences(100).criterion("school-attendance").met()).isFalse();
    }

    @Test
    void ratesAreSummedOverSessionsNotAveragedOverTerms() {
        // Terms of 80% (100 sessions) and 95% (400 sessions): mean of rates 87.5%, over sessions 92%
        FamilyAssessment a = assess("tf-2015", family(member("child", CHILD_DOB,
                school("2024/25", "SPRING", 100, 10, 10),
                school("2024/25", "SUMMER", 400, 10, 10))));
        assertThat(a.criterion("school-attendance").met()).isFalse();
    }

    @Test
    void anAdultsRecordsAndATermBeyondTheLookBackDoNotCount() {
        FamilyAssessment a = assess("tf-2015", family(
                member("adult", ADULT_DOB, school("2024/25", "SUMMER", 100, 50, 50)),
                member("child", CHILD_DOB, school("2023/24", "SUMMER", 100, 50, 50))));
        assertThat(a.criterion("school-attendance").met()).isFalse();
    }

    @Test
    void threeSuspensionsInThreeTermsMeetItTwoDoNot() {
        var two = List.of(exclusion("SUSPENSION", LocalDate.of(2024, 10, 1)), exclusion("SUSPENSION", LocalDate.of(2025, 2, 1)));
        var third = List.of(exclusion("SUSPENSION", LocalDate.of(2025, 5, 1)));
        assertThat(assess("tf-2015", family(member("c", CHILD_DOB, school("2024/25", "AUTUMN", 100, 0, 0, two))))
                .criterion("school-attendance").met()).isFalse();
        assertThat(assess("tf-2015", family(member("c", CHILD_DOB, school("2024/25", "AUTUMN", 100, 0, 0, two),
                school("2024/25", "SUMMER", 100, 0, 0, third)))).criterion("school-attendance").met()).isTrue();
    }

    // The look-back window: inclusive at both ends
    private boolean crimeMet(LocalDate occurred) {
        return assess("tf-2015", family(member("adult", ADULT_DOB, police("CRIME", "SUSPECT", occurred))))
                .criterion("crime-asb").met();
    }

    @Test
    void twelveMonthsPlusOneDayBeforeDoesNotCount() {
        assertThat(crimeMet(ON.minusMonths(12).minusDays(1))).isFalse();
    }

    @Test
    void twelveMonthsMinusOneDayBeforeCounts() {
        assertThat(crimeMet(ON.minusMonths(12).plusDays(1))).isTrue();
    }

    @Test
    void exactlyTwelveMonthsBeforeCountsAndTheFutureDoesNot() {
        assertThat(crimeMet(ON.minusMonths(12))).isTrue();
        assertThat(crimeMet(ON.plusDays(1))).isFalse();
    }

    @Test
    void aVictimOfCrimeIsNotInvolvedInCrime() {
        assertThat(crimeMet(ON.minusMonths(1))).isTrue();
        assertThat(assess("tf-2015", family(member("a", ADULT_DOB, police("CRIME", "VICTIM", ON.minusMonths(1)))))
                .criterion("crime-asb").met()).isFalse();
    }

    // tf-2015 eligibility: two criteria
    @Test
    void twoCriteriaMakeAFamilyEligible() {
        FamilyAssessment a = assess("tf-2015", family(
                member("adult", ADULT_DOB, police("DOMESTIC_ABUSE", "VICTIM", ON.minusMonths(2)),
                        health("ADULT_MENTAL_HEALTH", ON.minusMonths(1)))));
        assertThat(a.criteriaMet()).containsExactly("domestic-abuse", "health");
        assertThat(a.eligible()).isTrue();
        assertThat(a.reason()).isEqualTo("Eligible under tf-2015: 2 of 6 criteria met (domestic-abuse, health); "
                + "2 needed; dependent children: no (not required).");
    }

    @Test
    void oneCriterionDoesNot() {
        FamilyAssessment a = assess("tf-2015", family(member("adult", ADULT_DOB,
                police("DOMESTIC_ABUSE", "VICTIM", ON.minusMonths(2)), police("DOMESTIC_ABUSE", "VICTIM", ON.minusMonths(3)))));
        assertThat(a.criteriaMet()).containsExactly("domestic-abuse");
        assertThat(a.criterion("domestic-abuse").evidence()).hasSize(2);
        assertThat(a.eligible()).isFalse();
        assertThat(a.reason()).startsWith("Not eligible under tf-2015: 1 of 6 criteria met (domestic-abuse); 2 needed");
    }

    @Test
    void childrenWhoNeedHelpFromAProbationFlagOrACamhsEpisode() {
        FamilyAssessment flag = assess("tf-2015", family(member("adult", ADULT_DOB,
                probation(List.of("CHILD_CONCERNS"), ON.minusMonths(1)))));
        assertThat(flag.criteriaMet()).containsExactly("crime-asb", "children-need-help");
        FamilyAssessment camhs = assess("tf-2015", family(member("child", CHILD_DOB, health("CAMHS", ON.minusMonths(1)))));
        assertThat(camhs.criteriaMet()).containsExactly("children-need-help");
    }

    // DWP data kept for identification only
    @Test
    void dwpRecordsCountButAreFlagged() {
        FamilyAssessment a = assess("tf-2015", family(
                member("adult", ADULT_DOB, dwp("UC", "NOT_WORKING", ON.minusMonths(1)),
                        police("ASB", "SUSPECT", ON.minusMonths(1)))));
        assertThat(a.eligible()).isTrue();
        Evidence dwp = a.criterion("worklessness-financial-exclusion").evidence().get(0);
        assertThat(dwp.identificationOnly()).isTrue();
        assertThat(dwp.partner()).isEqualTo("dwp");
        assertThat(dwp.basis()).containsExactly("isa-dwp", "wra-2012-s131");
        assertThat(a.criterion("crime-asb").evidence()).allSatisfy(e -> assertThat(e.identificationOnly()).isFalse());
    }

    @Test
    void ucWhileWorkingAndPipAreNotOutOfWorkBenefits() {
        FamilyAssessment a = assess("tf-2015", family(member("adult", ADULT_DOB,
                dwp("UC", "WORKING_LOW_INCOME", ON.minusMonths(1)), dwp("PIP", null, ON.minusMonths(1)))));
        assertThat(a.criterion("worklessness-financial-exclusion").met()).isFalse();
    }

    @Test
    void aRecordKeptOnlyForCaseCoordinationDoesNotCount() {
        EvidenceRecord police = police("DOMESTIC_ABUSE", "VICTIM", ON.minusMonths(1));
        EvidenceRecord coordinationOnly = new EvidenceRecord(police.record(), Set.of("case-coordination"), police.basis());
        assertThat(assess("tf-2015", family(member("adult", ADULT_DOB, coordinationOnly)))
                .criterion("domestic-abuse").met()).isFalse();
    }

    // sf-2022: dependent children and three outcomes
    private MemberRecords parentWithThreeNeeds() {
        return member("parent", ADULT_DOB, police("DOMESTIC_ABUSE", "VICTIM", ON.minusMonths(1)),
                health("SUBSTANCE_MISUSE", ON.minusMonths(1)), housing(250.0, true, 0, ON.minusMonths(1)));
    }

    @Test
    void threeOutcomesAndDependentChildrenAreEligible() {
        FamilyAssessment a = assess("sf-2022", family(parentWithThreeNeeds(), member("child", CHILD_DOB)));
        assertThat(a.criteriaMet()).containsExactly("substance-use", "domestic-abuse", "secure-housing", "financial-stability");
        assertThat(a.eligible()).isTrue();
        assertThat(a.reason()).endsWith("dependent children: yes (required).");
    }

    @Test
    void withoutDependentChildrenTheyAreNot() {
        FamilyAssessment a = assess("sf-2022", family(parentWithThreeNeeds(), member("grown-up", LocalDate.of(2005, 1, 1))));
        assertThat(a.criteriaMet()).hasSize(4);
        assertThat(a.eligible()).isFalse();
        assertThat(a.reason()).endsWith("dependent children: no (required).");
    }

    @Test
    void twoOutcomesAreNotEnough() {
        FamilyAssessment a = assess("sf-2022", family(member("child", CHILD_DOB),
                member("parent", ADULT_DOB, police("DOMESTIC_ABUSE", "VICTIM", ON.minusMonths(1)),
                        health("SUBSTANCE_MISUSE", ON.minusMonths(1)))));
        assertThat(a.criteriaMet()).hasSize(2);
        assertThat(a.eligible()).isFalse();
    }

    @Test
    void outcomesNoFeedCanEvidenceAreListedButNeverMet() {
        FamilyAssessment a = assess("sf-2022", family(member("baby", LocalDate.of(2024, 1, 1),
                health("HEALTH_VISITING", ON.minusMonths(1)))));
        assertThat(a.criterion("early-years").evidenceAvailable()).isFalse();
        assertThat(a.criterion("early-years").met()).isFalse();
        assertThat(a.criteriaMet()).isEmpty();
        assertThat(a.reason()).contains("0 of 8 criteria met");
    }

    // tf-2012: its own thresholds and the local discretion
    private List<MemberRecords> twoCriteria(int unauthorised) {
        return family(member("child", CHILD_DOB, school("2024/25", "SPRING", 100, 0, unauthorised),
                        police("CRIME", "OFFENDER", ON.minusMonths(3))));
    }

    @Test
    void fifteenPercentUnauthorisedAbsenceIsMetJustBelowIsNot() {
        assertThat(assess("tf-2012", twoCriteria(15)).criterion("children-not-in-school").met()).isTrue();
        assertThat(assess("tf-2012", twoCriteria(14)).criterion("children-not-in-school").met()).isFalse();
    }

    @Test
    void threeCriteriaNeededTwoOnlyWithEnabledLocalDiscretion() {
        List<MemberRecords> family = twoCriteria(15);
        OutcomeFramework tf2012 = CATALOG.get("tf-2012");
        assertThat(new CriteriaEvaluator(tf2012).evaluate(family, ON, true).eligible()).isFalse();

        Eligibility e = tf2012.eligibility();
        OutcomeFramework withDiscretion = new OutcomeFramework(tf2012.id(), tf2012.name(), tf2012.years(),
                tf2012.description(), tf2012.criteria(), new Eligibility(e.description(), e.minimumCriteria(),
                e.dependentChildrenRequired(), new Eligibility.LocalDiscretion(true, 2, "opted in")), tf2012.claims());
        FamilyAssessment discretion = new CriteriaEvaluator(withDiscretion).evaluate(family, ON, true);
        assertThat(discretion.eligible()).isTrue();
        assertThat(discretion.reason()).contains("2 accepted with the council's local high-cost discretion");
        assertThat(new CriteriaEvaluator(withDiscretion).evaluate(family, ON, false).eligible()).isFalse();

        family.add(member("parent", ADULT_DOB, dwp("JSA", "NOT_WORKING", ON.minusMonths(1))));
        assertThat(new CriteriaEvaluator(tf2012).evaluate(family, ON).eligible()).isTrue();
    }
}
