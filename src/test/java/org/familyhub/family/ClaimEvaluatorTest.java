package org.familyhub.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.familyhub.family.Families.dwp;
import static org.familyhub.family.Families.exclusion;
import static org.familyhub.family.Families.family;
import static org.familyhub.family.Families.health;
import static org.familyhub.family.Families.member;
import static org.familyhub.family.Families.police;
import static org.familyhub.family.Families.school;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.family.ClaimDecision.MeasureResult;
import org.familyhub.family.ClaimDecision.RouteResult;
import org.familyhub.family.ClaimEvaluator.Attachment;
import org.junit.jupiter.api.Test;

/** The claim rules of the shipped frameworks, at their boundaries. */
class ClaimEvaluatorTest {

    private static final FrameworkCatalog CATALOG = FrameworkCatalog.shipped();
    private static final LocalDate ADULT_DOB = LocalDate.of(1988, 4, 12);
    private static final LocalDate CHILD_DOB = LocalDate.of(2014, 8, 30);
    private static final LocalDate ATTACHED = LocalDate.of(2026, 1, 15);

    private static ClaimDecision evaluate(String framework, List<MemberRecords> family, Attachment attachment,
                                          LocalDate closed, LocalDate on) {
        return new ClaimEvaluator(CATALOG.get(framework)).evaluate(family, attachment, closed, on);
    }

    private static RouteResult tf2015(List<MemberRecords> family, List<String> criteria, LocalDate on, String route) {
        return evaluate("tf-2015", family, new Attachment(ATTACHED, criteria), null, on).route(route);
    }

    /** A mother attached on crime/ASB and domestic abuse, the incidents just before attachment. */
    private static List<MemberRecords> crimeAndAbuse(EvidenceRecord... later) {
        List<EvidenceRecord> records = new ArrayList<>(List.of(police("ASB", "SUSPECT", LocalDate.of(2026, 1, 10)),
                police("DOMESTIC_ABUSE", "VICTIM", LocalDate.of(2026, 1, 5))));
        records.addAll(List.of(later));
        return family(member("mother", ADULT_DOB, records.toArray(EvidenceRecord[]::new)));
    }

    // -- no crime/ASB for six months, measured after attachment ----------------------------------------------------

    @Test
    void sixMonthsAfterAttachmentWithoutARecordIsClaimableAndADayEarlierIsNot() {
        List<MemberRecords> f = crimeAndAbuse();
        List<String> attachedOn = List.of("crime-asb", "domestic-abuse");
        RouteResult day = tf2015(f, attachedOn, LocalDate.of(2026, 7, 15), "sustained-progress");
        assertThat(day.claimable()).as(day.reason()).isTrue();
        assertThat(day.measures()).extracting(MeasureResult::progress).containsExactly("no-crime-asb", "no-domestic-abuse");
        assertThat(day.measure("no-crime-asb").finding()).isEqualTo("no record from 2026-01-16 to 2026-07-15");

        RouteResult early = tf2015(f, attachedOn, LocalDate.of(2026, 7, 14), "sustained-progress");
        assertThat(early.claimable()).isFalse();
        assertThat(early.reason()).contains("attached on 2026-01-15").contains("from 2026-07-15 at the earliest");
    }

    @Test
    void exactlySixMonthsSinceTheLastAsbRecordIsMetAndOneDayShortIsNot() {
        List<MemberRecords> f = crimeAndAbuse(police("ASB", "SUSPECT", LocalDate.of(2026, 3, 1)));
        List<String> attachedOn = List.of("crime-asb");
        MeasureResult six = tf2015(f, attachedOn, LocalDate.of(2026, 9, 1), "sustained-progress").measure("no-crime-asb");
        assertThat(six.met()).as(six.finding()).isTrue();
        assertThat(six.from()).isEqualTo(LocalDate.of(2026, 3, 2));

        MeasureResult short1 = tf2015(f, attachedOn, LocalDate.of(2026, 8, 31), "sustained-progress").measure("no-crime-asb");
        assertThat(short1.met()).isFalse();
        assertThat(short1.finding()).isEqualTo("1 record(s) from 2026-03-01 to 2026-08-31, the latest on 2026-03-01");
    }

    @Test
    void aVictimOrWitnessIsNotACrimeRecordButASuspectIs() {
        List<String> attachedOn = List.of("crime-asb");
        LocalDate on = LocalDate.of(2026, 9, 1);
        assertThat(tf2015(crimeAndAbuse(police("CRIME", "VICTIM", LocalDate.of(2026, 8, 1))), attachedOn, on,
                "sustained-progress").claimable()).isTrue();
        assertThat(tf2015(crimeAndAbuse(police("CRIME", "SUSPECT", LocalDate.of(2026, 8, 1))), attachedOn, on,
                "sustained-progress").claimable()).isFalse();
    }

    @Test
    void everyCriterionAtAttachmentMustShowProgress() {
        // domestic abuse again in the window: crime/ASB progress alone is not enough
        List<MemberRecords> f = crimeAndAbuse(police("DOMESTIC_ABUSE", "VICTIM", LocalDate.of(2026, 8, 1)));
        RouteResult r = tf2015(f, List.of("crime-asb", "domestic-abuse"), LocalDate.of(2026, 9, 1), "sustained-progress");
        assertThat(r.measure("no-crime-asb").met()).isTrue();
        assertThat(r.measure("no-domestic-abuse").met()).isFalse();
        assertThat(r.claimable()).isFalse();
        assertThat(r.reason()).contains("no-domestic-abuse: 1 record(s)");
        // nothing recorded at attachment: nothing to show progress against
        assertThat(tf2015(f, List.of(), LocalDate.of(2026, 9, 1), "sustained-progress").reason())
                .contains("no criteria recorded at attachment");
    }

    // -- attendance above 90% over three consecutive terms after attachment ------------------------------------------

    /** Attached in autumn 2025 on poor attendance; then three terms totalling 1000 sessions, {@code attended} attended. */
    private static RouteResult attendance(int attended) {
        int absent = 1000 - attended;
        List<MemberRecords> f = family(member("child", CHILD_DOB,
                school("2025/26", "AUTUMN", 140, 10, 30),
                school("2025/26", "SPRING", 333, absent / 3, 0),
                school("2025/26", "SUMMER", 333, absent / 3, 0),
                school("2026/27", "AUTUMN", 334, absent - 2 * (absent / 3), 0)));
        return evaluate("tf-2015", f, new Attachment(LocalDate.of(2025, 11, 1), List.of("school-attendance")), null,
                LocalDate.of(2026, 11, 27)).route("sustained-progress");
    }

    @Test
    void attendanceOf89point9PercentIsNotProgress() {
        MeasureResult m = attendance(899).measure("attendance-sustained");
        assertThat(m.met()).isFalse();
        assertThat(m.finding()).isEqualTo("child: attendance 89.90% (899 of 1000 sessions) over 2025/26 SPRING to 2026/27 AUTUMN");
    }

    @Test
    void attendanceOfExactly90PercentIsNotAbove90() {
        assertThat(attendance(900).measure("attendance-sustained").met()).isFalse();
    }

    @Test
    void attendanceOf90point1PercentIsProgressAndMakesTheFamilyClaimable() {
        RouteResult r = attendance(901);
        assertThat(r.measure("attendance-sustained").met()).isTrue();
        assertThat(r.claimable()).as(r.reason()).isTrue();
        // the autumn 2025 return showed the problem; the three terms since show the progress
        assertThat(r.measure("attendance-sustained").records()).extracting(ClaimDecision.ClaimRecord::role)
                .containsExactly("ATTACHMENT", "PROGRESS", "PROGRESS", "PROGRESS");
    }

    @Test
    void theTermOfAttachmentDoesNotCountAndTheTermsMustBeConsecutive() {
        Attachment attached = new Attachment(LocalDate.of(2025, 11, 1), List.of("school-attendance"));
        List<MemberRecords> twoTerms = family(member("child", CHILD_DOB, school("2025/26", "AUTUMN", 140, 10, 30),
                school("2025/26", "SPRING", 300, 0, 0), school("2025/26", "SUMMER", 300, 0, 0)));
        MeasureResult m = evaluate("tf-2015", twoTerms, attached, null, LocalDate.of(2026, 8, 1)).route("sustained-progress")
                .measure("attendance-sustained");
        assertThat(m.met()).isFalse();
        assertThat(m.finding()).contains("2 term(s) with a school return after attachment");

        List<MemberRecords> gap = family(member("child", CHILD_DOB, school("2025/26", "AUTUMN", 140, 10, 30),
                school("2025/26", "SPRING", 300, 0, 0), school("2026/27", "AUTUMN", 300, 0, 0), school("2026/27", "SPRING", 300, 0, 0)));
        assertThat(evaluate("tf-2015", gap, attached, null, LocalDate.of(2027, 2, 1)).route("sustained-progress")
                .measure("attendance-sustained").finding()).contains("not consecutive");
    }

    // -- continuous employment (tf-2015's other route) ---------------------------------------------------------------

    private static List<MemberRecords> intoWork(EvidenceRecord... later) {
        List<EvidenceRecord> records = new ArrayList<>(List.of(dwp("UC", "NOT_WORKING", LocalDate.of(2026, 1, 10)),
                police("ASB", "SUSPECT", LocalDate.of(2026, 1, 10))));
        records.addAll(List.of(later));
        return family(member("mother", ADULT_DOB, records.toArray(EvidenceRecord[]::new)));
    }

    @Test
    void sixMonthsInWorkAfterAttachmentIsContinuousEmploymentAndADayLessIsNot() {
        List<MemberRecords> f = intoWork(dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 2, 1)),
                dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 8, 1)));
        List<String> attachedOn = List.of("crime-asb", "worklessness-financial-exclusion");
        RouteResult r = tf2015(f, attachedOn, LocalDate.of(2026, 8, 1), "continuous-employment");
        assertThat(r.claimable()).as(r.reason()).isTrue();
        assertThat(tf2015(f, attachedOn, LocalDate.of(2026, 7, 31), "continuous-employment").claimable()).isFalse();
    }

    @Test
    void anOutOfWorkMatchSinceStartsTheSixMonthsAgain() {
        List<MemberRecords> f = intoWork(dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 2, 1)),
                dwp("JSA", null, LocalDate.of(2026, 5, 1)), dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 8, 1)));
        RouteResult r = tf2015(f, List.of("crime-asb"), LocalDate.of(2026, 9, 1), "continuous-employment");
        assertThat(r.claimable()).isFalse();
        assertThat(r.reason()).contains("in work since 2026-08-01, less than P6M");
    }

    @Test
    void workFoundBeforeAttachmentIsNotAResultNorIsOneInWorkMatchWithNothingSince() {
        List<MemberRecords> before = intoWork(dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 1, 12)),
                dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 8, 1)));
        assertThat(tf2015(before, List.of("crime-asb"), LocalDate.of(2026, 9, 1), "continuous-employment").reason())
                .contains("in work since before attachment");
        List<MemberRecords> once = intoWork(dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 2, 1)));
        assertThat(tf2015(once, List.of("crime-asb"), LocalDate.of(2026, 9, 1), "continuous-employment").reason())
                .contains("no in-work record in the last P6M");
    }

    // -- purpose: the evidence pack ------------------------------------------------------------------------------

    @Test
    void dwpEvidenceInAClaimIsOnlyCriterionMet() throws Exception {
        List<MemberRecords> f = intoWork(dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 2, 1)),
                dwp("UC", "WORKING_LOW_INCOME", LocalDate.of(2026, 8, 1)));
        ClaimDecision d = evaluate("tf-2015", f, new Attachment(ATTACHED, List.of("crime-asb", "worklessness-financial-exclusion")),
                null, LocalDate.of(2026, 8, 1));
        RouteResult progress = d.route("sustained-progress");
        assertThat(progress.claimable()).as(progress.reason()).isTrue();
        List<Map<String, Object>> pack = progress.evidencePack();
        Map<String, Object> work = pack.stream().filter(i -> "worklessness-financial-exclusion".equals(i.get("criterion")))
                .findFirst().orElseThrow();
        assertThat(work).containsEntry("result", "criterion met").containsEntry("detailsWithheld", true)
                .doesNotContainKeys("finding", "from", "to");
        assertThat((List<?>) work.get("records")).isEmpty();
        Map<String, Object> crime = pack.stream().filter(i -> "crime-asb".equals(i.get("criterion"))).findFirst().orElseThrow();
        assertThat(crime).containsEntry("finding", "no record from 2026-02-02 to 2026-08-01").containsEntry("from", "2026-02-02");
        assertThat((List<?>) crime.get("records")).hasSize(1);

        String employment = new ObjectMapper().writeValueAsString(d.route("continuous-employment").evidencePack());
        String all = new ObjectMapper().writeValueAsString(pack) + employment;
        assertThat(employment).contains("\"result\":\"criterion met\"").contains("\"detailsWithheld\":true");
        assertThat(all).doesNotContain("dwp").doesNotContain("M-").doesNotContain("wra-2012-s131")
                .doesNotContain("2026-02-01").doesNotContain("WORKING");
    }

    @Test
    void evidenceKeptForOutcomeEvidenceIsShownAndEvidenceKeptOnlyForCareIsNot() {
        EvidenceRecord health = health("ADULT_MENTAL_HEALTH", LocalDate.of(2026, 1, 3)); // assessment, care, outcome evidence
        EvidenceRecord careOnly = health("SUBSTANCE_MISUSE", LocalDate.of(2026, 1, 4));
        careOnly = new EvidenceRecord(careOnly.record(), Set.of("assessment", "case-coordination"), List.of("isa-health", "safeguarding"));
        List<MemberRecords> f = family(member("mother", ADULT_DOB, police("ASB", "SUSPECT", LocalDate.of(2026, 1, 10)), health));
        Map<String, Object> shown = tf2015(f, List.of("crime-asb", "health"), LocalDate.of(2026, 8, 1), "sustained-progress")
                .evidencePack().stream().filter(i -> "health".equals(i.get("criterion"))).findFirst().orElseThrow();
        assertThat(shown).doesNotContainKey("detailsWithheld").containsKey("finding");
        assertThat(shown.toString()).contains("health-mental").contains("2026-01-03");

        List<MemberRecords> g = family(member("mother", ADULT_DOB, police("ASB", "SUSPECT", LocalDate.of(2026, 1, 10)), careOnly));
        RouteResult r = tf2015(g, List.of("crime-asb", "health"), LocalDate.of(2026, 8, 1), "sustained-progress");
        assertThat(r.claimable()).as("it counts, it is not shown").isTrue();
        Map<String, Object> withheld = r.evidencePack().stream().filter(i -> "health".equals(i.get("criterion"))).findFirst().orElseThrow();
        assertThat(withheld).containsEntry("detailsWithheld", true);
        assertThat(withheld.toString()).doesNotContain("substance-misuse").doesNotContain("2026-01-04").doesNotContain("safeguarding");
    }

    // -- sf-2022: sustained six months after case closure ---------------------------------------------------------

    private static RouteResult sf2022(LocalDate closed, LocalDate on, EvidenceRecord... later) {
        List<EvidenceRecord> records = new ArrayList<>(List.of(police("CRIME", "SUSPECT", LocalDate.of(2026, 1, 10)),
                police("DOMESTIC_ABUSE", "VICTIM", LocalDate.of(2026, 1, 5))));
        records.addAll(List.of(later));
        List<MemberRecords> f = family(member("mother", ADULT_DOB, records.toArray(EvidenceRecord[]::new)),
                member("child", CHILD_DOB, school("2025/26", "SPRING", 300, 0, 0)));
        return evaluate("sf-2022", f, new Attachment(ATTACHED, List.of("crime", "domestic-abuse")), closed, on)
                .route("every-need-sustained");
    }

    @Test
    void sixMonthsAfterClosureIsClaimableADayShortIsNotAndAnOpenCaseNever() {
        LocalDate closed = LocalDate.of(2026, 3, 1);
        RouteResult r = sf2022(closed, LocalDate.of(2026, 9, 1));
        assertThat(r.claimable()).as(r.reason()).isTrue();
        assertThat(sf2022(closed, LocalDate.of(2026, 8, 31)).reason())
                .contains("outcomes must be sustained until 2026-09-01");
        assertThat(sf2022(null, LocalDate.of(2027, 6, 1)).reason()).contains("the case is not closed");
    }

    @Test
    void underSf2022ARecordSinceClosureCountsEvenBeyondSixMonths() {
        LocalDate closed = LocalDate.of(2026, 3, 1);
        // a crime after attachment but before closure is the case's work, not a relapse
        assertThat(sf2022(closed, LocalDate.of(2026, 9, 1), police("CRIME", "SUSPECT", LocalDate.of(2026, 2, 20))).claimable())
                .isTrue();
        // a crime after closure breaks "sustained since closure", even when more than six months ago
        RouteResult r = sf2022(closed, LocalDate.of(2027, 3, 1), police("CRIME", "SUSPECT", LocalDate.of(2026, 4, 1)));
        assertThat(r.claimable()).isFalse();
        assertThat(r.measure("no-crime").finding()).startsWith("1 record(s) from 2026-03-02 to 2027-03-01");
    }

    // -- tf-2012: reductions and suspensions ------------------------------------------------------------------------

    @Test
    void tf2012ReductionsAreMeasuredAgainstTheSixMonthsBeforeAttachment() {
        List<EvidenceRecord> child = new ArrayList<>();
        for (int i = 1; i <= 5; i++) { // five offences in the six months up to attachment
            child.add(police("CRIME", "OFFENDER", ATTACHED.minusMonths(i)));
        }
        child.add(police("CRIME", "OFFENDER", LocalDate.of(2026, 9, 1)));
        child.add(police("CRIME", "OFFENDER", LocalDate.of(2026, 10, 1)));
        List<EvidenceRecord> asb = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            asb.add(police("ASB", "SUSPECT", ATTACHED.minusMonths(i)));
        }
        asb.add(police("ASB", "SUSPECT", LocalDate.of(2026, 9, 15)));
        asb.add(police("ASB", "SUSPECT", LocalDate.of(2026, 10, 15)));
        List<MemberRecords> f = family(member("child", CHILD_DOB, child.toArray(EvidenceRecord[]::new)),
                member("mother", ADULT_DOB, asb.toArray(EvidenceRecord[]::new)));
        RouteResult r = evaluate("tf-2012", f, new Attachment(ATTACHED, List.of("youth-crime-asb", "children-not-in-school",
                "adult-out-of-work-benefits")), null, LocalDate.of(2026, 11, 1)).route("crime-asb-education");
        MeasureResult youth = r.measure("youth-offending-down");
        assertThat(youth.met()).as(youth.finding()).isTrue(); // 5 → 2: down 60%
        assertThat(youth.finding()).endsWith("down 60.0%");
        MeasureResult family = r.measure("family-asb-down");
        assertThat(family.met()).as(family.finding()).isTrue(); // 3 → 2: down 33.3%
        assertThat(r.measure("children-back-in-school").met()).isFalse(); // no school returns at all
        assertThat(r.claimable()).isFalse();
    }

    @Test
    void tf2012CountsSuspensionsOverTheThreeTermsAfterAttachment() {
        List<MemberRecords> f = family(member("child", CHILD_DOB,
                school("2025/26", "AUTUMN", 140, 0, 40),
                school("2025/26", "SPRING", 300, 0, 10, List.of(exclusion("SUSPENSION", LocalDate.of(2026, 2, 1)))),
                school("2025/26", "SUMMER", 300, 0, 10, List.of(exclusion("SUSPENSION", LocalDate.of(2026, 5, 1)),
                        exclusion("SUSPENSION", LocalDate.of(2026, 6, 1)))),
                school("2026/27", "AUTUMN", 300, 0, 10)));
        RouteResult r = evaluate("tf-2012", f, new Attachment(LocalDate.of(2025, 11, 1), List.of("children-not-in-school")), null,
                LocalDate.of(2026, 11, 27)).route("crime-asb-education");
        assertThat(r.measure("fewer-suspensions").met()).isFalse();
        assertThat(r.measure("fewer-suspensions").finding()).contains("3 suspension(s)");
        assertThat(r.measure("children-back-in-school").met()).isTrue();
        assertThat(r.measure("children-back-in-school").finding()).contains("unauthorised absence 3.33% (30 of 900 sessions)");
    }
}
