package org.familyhub.family;

import java.util.List;

/** One criterion of the framework for one family: met or not, and the evidence when met. */
public record CriterionResult(String id, String title, boolean met, boolean evidenceAvailable, List<Evidence> evidence) {

    public CriterionResult {
        evidence = List.copyOf(evidence);
    }
}
