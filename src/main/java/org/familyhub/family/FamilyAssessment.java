package org.familyhub.family;

import java.time.LocalDate;
import java.util.List;

/** A family assessed against one framework on one date: each criterion, eligibility, and why, in words. */
public record FamilyAssessment(String framework, LocalDate evaluatedOn, List<CriterionResult> criteria,
                               boolean dependentChildren, boolean eligible, String reason) {

    public FamilyAssessment {
        criteria = List.copyOf(criteria);
    }

    public List<String> criteriaMet() {
        return criteria.stream().filter(CriterionResult::met).map(CriterionResult::id).toList();
    }

    public CriterionResult criterion(String id) {
        return criteria.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("framework " + framework + " has no criterion " + id));
    }
}
