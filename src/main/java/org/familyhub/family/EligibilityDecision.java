package org.familyhub.family;

import java.time.LocalDate;
import java.util.List;

/** Applies a framework's eligibility rule to the criteria met and says why, in words a key worker can read. */
final class EligibilityDecision {

    private EligibilityDecision() {
    }

    static FamilyAssessment decide(OutcomeFramework f, LocalDate on, List<CriterionResult> results, boolean children,
                                   boolean localHighCost) {
        Eligibility rule = f.eligibility();
        List<String> met = results.stream().filter(CriterionResult::met).map(CriterionResult::id).toList();
        int evidenceable = (int) results.stream().filter(CriterionResult::evidenceAvailable).count();
        boolean enoughCriteria = met.size() >= rule.minimumCriteria();
        Eligibility.LocalDiscretion discretion = rule.localDiscretion();
        boolean byDiscretion = !enoughCriteria && discretion != null && discretion.enabled() && localHighCost
                && met.size() >= discretion.minimumCriteria();
        boolean childrenOk = !rule.dependentChildrenRequired() || children;
        boolean eligible = (enoughCriteria || byDiscretion) && childrenOk;

        StringBuilder reason = new StringBuilder(eligible ? "Eligible" : "Not eligible").append(" under ").append(f.id())
                .append(": ").append(met.size()).append(" of ").append(evidenceable).append(" criteria met")
                .append(met.isEmpty() ? "" : " (" + String.join(", ", met) + ")")
                .append("; ").append(rule.minimumCriteria()).append(" needed");
        if (byDiscretion) {
            reason.append(", ").append(discretion.minimumCriteria()).append(" accepted with the council's local high-cost discretion");
        } else if (discretion != null && discretion.enabled()) {
            reason.append(" (or ").append(discretion.minimumCriteria()).append(" with local high-cost discretion, ")
                    .append(localHighCost ? "applied" : "not applied").append(")");
        }
        reason.append("; dependent children: ").append(children ? "yes" : "no")
                .append(rule.dependentChildrenRequired() ? " (required)" : " (not required)").append('.');
        return new FamilyAssessment(f.id(), on, results, children, eligible, reason.toString());
    }
}
