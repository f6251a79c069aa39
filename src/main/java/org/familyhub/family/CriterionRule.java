package org.familyhub.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One way a criterion can be met: records in any of {@code categories}, whose facts satisfy every condition in
 * {@code facts}, about a member satisfying {@code member}, inside {@code lookBack}; with {@code aggregate}, the
 * selected records of each member must together pass the aggregate's threshold.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CriterionRule(String description, List<String> categories, List<FactCondition> facts,
                            MemberCondition member, LookBack lookBack, Aggregate aggregate) {

    public CriterionRule {
        categories = categories == null ? List.of() : List.copyOf(categories);
        facts = facts == null ? List.of() : List.copyOf(facts);
    }
}
