package org.familyhub.family;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How far back a rule looks from the evaluation date: either an ISO period ({@code P12M}), compared with each
 * record's {@code observedAt}, or a number of school terms ({@code {terms: 3}}), read from the records'
 * {@code academicYear}/{@code term} facts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LookBack(Period period, Integer terms) {

    public LookBack {
        if ((period == null) == (terms == null)) {
            throw new IllegalArgumentException("a look-back is either a period (e.g. P12M) or {terms: N}, not both or neither");
        }
        if (terms != null && terms < 1) {
            throw new IllegalArgumentException("a look-back of " + terms + " terms must be at least 1");
        }
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("a look-back period must be positive, not " + period);
        }
    }

    /** YAML accepts {@code lookBack: P12M} or {@code lookBack: {terms: 3}} (or {@code {period: P12M}}). */
    @JsonCreator
    public static LookBack of(Object raw) {
        if (raw instanceof String s) {
            return new LookBack(period(s), null);
        }
        if (raw instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("terms") && m.get("terms") instanceof Integer n) {
            return new LookBack(null, n);
        }
        if (raw instanceof Map<?, ?> m && m.size() == 1 && m.get("period") instanceof String s) {
            return new LookBack(period(s), null);
        }
        throw new IllegalArgumentException("look-back '" + raw + "' is neither an ISO period (e.g. P12M) nor {terms: N}");
    }

    private static Period period(String s) {
        try {
            return Period.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("look-back '" + s + "' is not an ISO-8601 period (e.g. P12M, P6M)");
        }
    }

    public static LookBack months(int months) {
        return new LookBack(Period.ofMonths(months), null);
    }

    public static LookBack ofTerms(int terms) {
        return new LookBack(null, terms);
    }

    public boolean byTerms() {
        return terms != null;
    }

    /** Inclusive at both ends: a record dated exactly one period before the evaluation date still counts. */
    public boolean covers(LocalDate observedAt, LocalDate evaluationDate) {
        if (observedAt == null || period == null) {
            return false;
        }
        return !observedAt.isAfter(evaluationDate) && !observedAt.isBefore(evaluationDate.minus(period));
    }

    /** True when the record's term is one of the last {@code terms} terms, counting the term in progress on the date. */
    public boolean coversTerm(SchoolTerm term, LocalDate evaluationDate) {
        if (term == null || terms == null) {
            return false;
        }
        int current = SchoolTerm.containing(evaluationDate).index();
        return term.index() <= current && term.index() > current - terms;
    }

    @Override
    public String toString() {
        return period != null ? period.toString() : terms + " terms";
    }
}
