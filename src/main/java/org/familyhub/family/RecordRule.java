package org.familyhub.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Which records a claim measure looks at: records in any of {@code categories} whose facts satisfy every condition
 * in {@code facts}, about a member satisfying {@code member} on the evaluation date. Like a criterion rule without its
 * window: a claim measure brings its own ({@link ClaimRules.Progress#over()}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RecordRule(String description, List<String> categories, List<FactCondition> facts, MemberCondition member) {

    public RecordRule {
        categories = categories == null ? List.of() : List.copyOf(categories);
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    /** A criterion rule's record conditions, its look-back and aggregate left out. */
    static RecordRule of(CriterionRule rule) {
        return new RecordRule(rule.description(), rule.categories(), rule.facts(), rule.member());
    }

    boolean matches(EvidenceRecord r, LocalDate dateOfBirth, LocalDate on) {
        if (member != null && !member.admits(dateOfBirth, on)) {
            return false;
        }
        if (r.record().categories() == null || categories.stream().noneMatch(c ->
                r.record().categories().stream().anyMatch(rc -> rc.id().equals(c)))) {
            return false;
        }
        Map<String, Object> f = r.record().facts() == null ? Map.of() : r.record().facts();
        return facts.stream().allMatch(fc -> fc.matches(f));
    }
}
