package org.familyhub.family;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.familyhub.record.DataCategory;
import org.familyhub.record.PartnerRecord;

/** Applies one criterion rule to one member's records on an evaluation date, yielding the evidence it finds. */
final class RuleMatcher {

    private final CriterionRule rule;
    private final List<DataCategory> categories;

    RuleMatcher(CriterionRule rule) {
        this.rule = rule;
        this.categories = rule.categories().stream().map(id -> DataCategory.fromId(id).orElseThrow()).toList();
    }

    List<Evidence> evidence(MemberRecords member, LocalDate on) {
        if (rule.member() != null && !rule.member().admits(member.dateOfBirth(), on)) {
            return List.of();
        }
        List<EvidenceRecord> selected = member.records().stream()
                .filter(EvidenceRecord::usableForAssessment)
                .filter(r -> category(r.record()) != null)
                .filter(r -> inWindow(r.record(), on))
                .filter(r -> rule.facts().stream().allMatch(fc -> fc.matches(facts(r.record()))))
                .sorted(Comparator.comparing((EvidenceRecord r) -> r.record().observedAt(), Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        if (selected.isEmpty()) {
            return List.of();
        }
        String finding = null;
        if (rule.aggregate() != null) {
            finding = aggregateFinding(selected);
            if (finding == null) {
                return List.of();
            }
        }
        List<Evidence> out = new ArrayList<>();
        for (EvidenceRecord r : selected) {
            PartnerRecord p = r.record();
            out.add(new Evidence(member.personId(), p.partner(), p.sourceRecordId(), category(p).id(), p.observedAt(),
                    r.basis(), r.identificationOnly(), finding));
        }
        return out;
    }

    /** The first of the rule's categories the record carries (a probation case may carry two). */
    private DataCategory category(PartnerRecord record) {
        if (record.categories() == null) {
            return null;
        }
        for (DataCategory c : categories) {
            if (record.categories().contains(c)) {
                return c;
            }
        }
        return null;
    }

    private boolean inWindow(PartnerRecord record, LocalDate on) {
        LookBack lookBack = rule.lookBack();
        return lookBack.byTerms() ? lookBack.coversTerm(SchoolTerm.of(facts(record)), on) : lookBack.covers(record.observedAt(), on);
    }

    private static Map<String, Object> facts(PartnerRecord record) {
        return record.facts() == null ? Map.of() : record.facts();
    }

    /** The computed figure in words when the aggregate passes its threshold, else null. */
    private String aggregateFinding(List<EvidenceRecord> selected) {
        Aggregate a = rule.aggregate();
        Operator op = Operator.fromId(a.operator()).orElseThrow();
        List<Map<String, Object>> facts = selected.stream().map(r -> facts(r.record())).toList();
        long terms = facts.stream().map(SchoolTerm::of).filter(Objects::nonNull).distinct().count();
        String over = " over " + terms + (terms == 1 ? " term" : " terms");
        if (a.measure().equals("exclusion-count")) {
            long count = facts.stream().flatMap(f -> FactCondition.resolve(f, "exclusions").stream())
                    .filter(e -> a.exclusionType() == null || e instanceof Map<?, ?> m && a.exclusionType().equals(m.get("type")))
                    .count();
            return op.accepts(BigDecimal.valueOf(count).compareTo(a.value()))
                    ? count + " " + (a.exclusionType() == null ? "exclusion(s)" : a.exclusionType().toLowerCase() + "(s)") + over
                    : null;
        }
        long possible = 0;
        long authorised = 0;
        long unauthorised = 0;
        for (Map<String, Object> f : facts) {
            if (f.get("sessionsPossible") instanceof Number p && f.get("sessionsAuthorisedAbsence") instanceof Number au
                    && f.get("sessionsUnauthorisedAbsence") instanceof Number un) {
                possible += p.longValue();
                authorised += au.longValue();
                unauthorised += un.longValue();
            }
        }
        if (possible == 0) {
            return null;
        }
        boolean attendance = a.measure().equals("attendance-rate");
        long numerator = attendance ? possible - authorised - unauthorised : unauthorised;
        // Exact: numerator/possible against the threshold, compared as numerator against threshold × possible
        int comparison = BigDecimal.valueOf(numerator).compareTo(a.value().multiply(BigDecimal.valueOf(possible)));
        if (!op.accepts(comparison)) {
            return null;
        }
        String percent = BigDecimal.valueOf(numerator * 100).divide(BigDecimal.valueOf(possible), 2, RoundingMode.HALF_UP)
                .toPlainString();
        return (attendance ? "attendance " : "unauthorised absence ") + percent + "% (" + numerator + " of " + possible
                + " sessions)" + over;
    }
}
