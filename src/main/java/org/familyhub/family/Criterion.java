package org.familyhub.family;

import java.util.List;

/**
 * A headline criterion (or, in sf-2022, a headline outcome). Met when any of its rules matches.
 * {@code evidenceAvailable: false} marks a criterion no partner feed can evidence: it is listed, never met.
 */
public record Criterion(String id, String title, String description, Boolean evidenceAvailable, List<CriterionRule> rules) {

    public Criterion {
        rules = rules == null ? List.of() : List.copyOf(rules);
        evidenceAvailable = evidenceAvailable == null || evidenceAvailable;
    }
}
