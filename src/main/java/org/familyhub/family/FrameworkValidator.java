package org.familyhub.family;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.familyhub.record.DataCategory;

/** Checks a parsed framework against what the evaluator understands; returns every problem, not just the first. */
final class FrameworkValidator {

    private static final List<String> MEMBER_KINDS = List.of("child", "adult");
    private static final List<String> TERM_MEASURES = List.of("attendance-rate", "unauthorised-absence-rate", "exclusion-count");

    private final List<String> problems = new ArrayList<>();

    private FrameworkValidator() {
    }

    static List<String> problems(OutcomeFramework f) {
        FrameworkValidator v = new FrameworkValidator();
        v.framework(f);
        return v.problems;
    }

    private void framework(OutcomeFramework f) {
        require(f.id(), "id");
        require(f.name(), "name");
        require(f.description(), "description");
        if (f.criteria().isEmpty()) {
            problems.add("no criteria");
        }
        Set<String> ids = new HashSet<>();
        for (Criterion c : f.criteria()) {
            if (c.id() == null || c.id().isBlank()) {
                problems.add("a criterion has no id");
            } else if (!ids.add(c.id())) {
                problems.add("criterion id '" + c.id() + "' appears twice");
            }
            criterion(c);
        }
        eligibility(f);
        if (f.claims() != null) {
            claims(f, f.claims());
        }
    }

    private void criterion(Criterion c) {
        String where = "criterion '" + c.id() + "'";
        require(c.title(), where + " title");
        require(c.description(), where + " description");
        if (c.evidenceAvailable() && c.rules().isEmpty()) {
            problems.add(where + " has no rules (mark it evidenceAvailable: false if no feed can evidence it)");
        }
        if (!c.evidenceAvailable() && !c.rules().isEmpty()) {
            problems.add(where + " is evidenceAvailable: false but has rules");
        }
        for (int i = 0; i < c.rules().size(); i++) {
            rule(where + " rule " + (i + 1), c.rules().get(i));
        }
    }

    private void rule(String where, CriterionRule r) {
        if (r.categories().isEmpty()) {
            problems.add(where + ": no categories");
        }
        for (String category : r.categories()) {
            if (DataCategory.fromId(category).isEmpty()) {
                problems.add(where + ": unknown data category '" + category + "' (known: " + knownCategories() + ")");
            }
        }
        for (FactCondition fc : r.facts()) {
            factCondition(where, fc);
        }
        if (r.member() != null && r.member().kind() != null && !MEMBER_KINDS.contains(r.member().kind())) {
            problems.add(where + ": unknown member kind '" + r.member().kind() + "' (known: " + String.join(", ", MEMBER_KINDS) + ")");
        }
        if (r.lookBack() == null) {
            problems.add(where + ": no lookBack (every rule needs a window, e.g. P12M or {terms: 3})");
        }
        if (r.aggregate() != null) {
            aggregate(where, r.aggregate(), r.lookBack());
        }
    }

    private void factCondition(String where, FactCondition fc) {
        if (fc.field() == null || fc.field().isBlank()) {
            problems.add(where + ": a fact condition has no field");
        }
        Operator op = operator(where + " fact '" + fc.field() + "'", fc.operator());
        if (op == null) {
            return;
        }
        if (op.numeric() && FactCondition.number(fc.value()) == null) {
            problems.add(where + " fact '" + fc.field() + "': operator " + op.id() + " needs a number, not '" + fc.value() + "'");
        } else if (op == Operator.IN && !(fc.value() instanceof Collection<?>)) {
            problems.add(where + " fact '" + fc.field() + "': operator in needs a list of values");
        } else if (op == Operator.EQ && fc.value() == null) {
            problems.add(where + " fact '" + fc.field() + "': operator eq needs a value");
        }
    }

    private void aggregate(String where, Aggregate a, LookBack lookBack) {
        if (!Aggregate.MEASURES.contains(a.measure())) {
            problems.add(where + ": unknown aggregate measure '" + a.measure() + "' (known: " + String.join(", ", Aggregate.MEASURES) + ")");
        }
        Operator op = operator(where + " aggregate", a.operator());
        if (op != null && !op.numeric() && op != Operator.EQ) {
            problems.add(where + " aggregate: operator " + op.id() + " does not compare numbers");
        }
        if (a.value() == null) {
            problems.add(where + " aggregate: no value");
        }
        if (TERM_MEASURES.contains(a.measure()) && lookBack != null && !lookBack.byTerms()) {
            problems.add(where + ": " + a.measure() + " is computed over school terms; use lookBack {terms: N}");
        }
    }

    private void eligibility(OutcomeFramework f) {
        Eligibility e = f.eligibility();
        if (e == null) {
            problems.add("no eligibility");
            return;
        }
        long possible = f.criteria().stream().filter(Criterion::evidenceAvailable).count();
        if (e.minimumCriteria() < 1 || e.minimumCriteria() > possible) {
            problems.add("eligibility minimumCriteria " + e.minimumCriteria() + " must be between 1 and " + possible
                    + " (the criteria that can be evidenced)");
        }
        if (e.localDiscretion() != null && (e.localDiscretion().minimumCriteria() < 1
                || e.localDiscretion().minimumCriteria() >= e.minimumCriteria())) {
            problems.add("eligibility localDiscretion minimumCriteria must be at least 1 and below " + e.minimumCriteria());
        }
    }

    private void claims(OutcomeFramework f, ClaimRules claims) {
        Set<String> progressIds = new HashSet<>();
        for (ClaimRules.Progress p : claims.progress()) {
            String where = "claims progress '" + p.id() + "'";
            if (p.id() == null || !progressIds.add(p.id())) {
                problems.add("claims progress id '" + p.id() + "' is missing or appears twice");
            }
            Criterion criterion = p.criterion() == null ? null : f.criterion(p.criterion()).orElse(null);
            if (p.criterion() != null && criterion == null) {
                problems.add(where + ": unknown criterion '" + p.criterion() + "'");
            }
            if (!ClaimRules.Progress.MEASURES.contains(p.measure())) {
                problems.add(where + ": unknown measure '" + p.measure() + "' (known: "
                        + String.join(", ", ClaimRules.Progress.MEASURES) + ")");
                continue;
            }
            progress(where, p, criterion);
        }
        if (claims.routes().isEmpty()) {
            problems.add("claims: no routes");
        }
        Set<String> routeIds = new HashSet<>();
        for (ClaimRules.Route r : claims.routes()) {
            if (r.id() == null || !routeIds.add(r.id())) {
                problems.add("claims route id '" + r.id() + "' is missing or appears twice");
            }
            if (!r.everyIdentifiedCriterion() && r.requires().isEmpty()) {
                problems.add("claims route '" + r.id() + "' requires nothing (list progress ids or set everyIdentifiedCriterion)");
            }
            for (String required : r.requires()) {
                if (!progressIds.contains(required)) {
                    problems.add("claims route '" + r.id() + "': unknown progress '" + required + "'");
                }
            }
            if (r.everyIdentifiedCriterion()) {
                // a family attached on a criterion without a measure could never be claimed on this route
                for (Criterion c : f.criteria()) {
                    if (c.evidenceAvailable() && claims.progress().stream().noneMatch(p -> c.id().equals(p.criterion()))) {
                        problems.add("claims route '" + r.id() + "': criterion '" + c.id() + "' has no progress measure");
                    }
                }
            }
        }
    }

    private void progress(String where, ClaimRules.Progress p, Criterion criterion) {
        LookBack over = p.over();
        boolean byTerms = ClaimRules.Progress.TERM_MEASURES.contains(p.measure());
        if (over == null) {
            problems.add(where + ": no over (the window of the measure, e.g. P6M or {terms: 3})");
        } else if (byTerms != over.byTerms()) {
            problems.add(where + ": " + p.measure() + (byTerms ? " is computed over school terms; use over {terms: N}"
                    : " is computed over a period; use over P6M or the like"));
        }
        if (p.measure().equals("continuous-employment")) {
            if (p.inWork().isEmpty() || p.outOfWork().isEmpty()) {
                problems.add(where + ": continuous-employment needs inWork and outOfWork record rules");
            }
        } else {
            Operator op = operator(where, p.operator());
            if (op != null && !op.numeric() && op != Operator.EQ) {
                problems.add(where + ": operator " + op.id() + " does not compare numbers");
            }
            if (p.value() == null) {
                problems.add(where + ": no value");
            }
            if (!p.inWork().isEmpty() || !p.outOfWork().isEmpty()) {
                problems.add(where + ": inWork and outOfWork belong to continuous-employment only");
            }
        }
        if (p.exclusionType() != null && !p.measure().equals("exclusion-count")) {
            problems.add(where + ": exclusionType belongs to exclusion-count only");
        }
        if (List.of("record-count", "reduction").contains(p.measure()) && p.records().isEmpty()
                && (criterion == null || criterion.rules().stream().allMatch(r -> r.aggregate() != null))) {
            problems.add(where + ": " + p.measure() + " needs records, or a criterion with a rule that is not an aggregate");
        }
        if (byTerms && criterion == null) {
            problems.add(where + ": " + p.measure() + " needs a criterion (its children are the ones measured)");
        }
        List<RecordRule> selectors = new ArrayList<>(p.records());
        selectors.addAll(p.inWork());
        selectors.addAll(p.outOfWork());
        for (int i = 0; i < selectors.size(); i++) {
            recordRule(where + " record rule " + (i + 1), selectors.get(i));
        }
    }

    private void recordRule(String where, RecordRule r) {
        if (r.categories().isEmpty()) {
            problems.add(where + ": no categories");
        }
        for (String category : r.categories()) {
            if (DataCategory.fromId(category).isEmpty()) {
                problems.add(where + ": unknown data category '" + category + "' (known: " + knownCategories() + ")");
            }
        }
        for (FactCondition fc : r.facts()) {
            factCondition(where, fc);
        }
        if (r.member() != null && r.member().kind() != null && !MEMBER_KINDS.contains(r.member().kind())) {
            problems.add(where + ": unknown member kind '" + r.member().kind() + "' (known: " + String.join(", ", MEMBER_KINDS) + ")");
        }
    }

    private Operator operator(String where, String id) {
        Operator op = id == null ? null : Operator.fromId(id).orElse(null);
        if (op == null) {
            problems.add(where + ": unknown operator '" + id + "' (known: " + String.join(", ", Operator.ids()) + ")");
        }
        return op;
    }

    private void require(String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add("no " + what);
        }
    }

    private static String knownCategories() {
        return String.join(", ", Arrays.stream(DataCategory.values()).map(DataCategory::id).toList());
    }
}
