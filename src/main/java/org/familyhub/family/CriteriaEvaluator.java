package org.familyhub.family;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assesses a family against one outcome framework on a date: which criteria are met, with what evidence, and
 * whether the family is eligible under the framework's own rule. Pure: no clock, no storage.
 */
public final class CriteriaEvaluator {

    private final OutcomeFramework framework;
    /** One matcher per rule, made once: a family is assessed on every batch that touches it. */
    private final Map<CriterionRule, RuleMatcher> matchers = new java.util.IdentityHashMap<>();

    public CriteriaEvaluator(OutcomeFramework framework) {
        this.framework = framework;
        framework.criteria().forEach(c -> c.rules().forEach(r -> matchers.put(r, new RuleMatcher(r))));
    }

    public FamilyAssessment evaluate(List<MemberRecords> family, LocalDate on) {
        return evaluate(family, on, false);
    }

    /**
     * @param localHighCost the council has judged this family a local "high cost" case: it only matters where the
     *                      framework enables local discretion (tf-2012), and is never inferred from the data.
     */
    public FamilyAssessment evaluate(List<MemberRecords> family, LocalDate on, boolean localHighCost) {
        List<CriterionResult> results = new ArrayList<>();
        for (Criterion c : framework.criteria()) {
            List<Evidence> evidence = evidence(c, family, on);
            results.add(new CriterionResult(c.id(), c.title(), !evidence.isEmpty(), c.evidenceAvailable(), evidence));
        }
        boolean children = family.stream().anyMatch(m -> MemberCondition.isChild(m.dateOfBirth(), on));
        return EligibilityDecision.decide(framework, on, results, children, localHighCost);
    }

    /** Every rule's evidence, each record once per member even when two rules select it. */
    private List<Evidence> evidence(Criterion c, List<MemberRecords> family, LocalDate on) {
        Map<String, Evidence> unique = new LinkedHashMap<>();
        for (CriterionRule rule : c.rules()) {
            RuleMatcher matcher = matchers.get(rule);
            for (MemberRecords member : family) {
                for (Evidence e : matcher.evidence(member, on)) {
                    unique.putIfAbsent(e.personId() + "\u0000" + e.partner() + "\u0000" + e.sourceRecordId(), e);
                }
            }
        }
        return List.copyOf(unique.values());
    }
}
