package org.familyhub.family;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One school term, as the school return names it ({@code 2024/25}, {@code SPRING}). Term boundaries follow the
 * school parser: autumn from 1 September, spring from 1 January, summer from 1 April (to the end of August).
 */
public record SchoolTerm(int firstYear, String term) {

    private static final List<String> TERMS = List.of("AUTUMN", "SPRING", "SUMMER");
    private static final Pattern ACADEMIC_YEAR = Pattern.compile("(\\d{4})/\\d{2}");

    /** Consecutive integers for consecutive terms, so "the last three terms" is a range. */
    public int index() {
        return firstYear * 3 + TERMS.indexOf(term);
    }

    public static SchoolTerm containing(LocalDate date) {
        int month = date.getMonthValue();
        if (month >= 9) {
            return new SchoolTerm(date.getYear(), "AUTUMN");
        }
        return new SchoolTerm(date.getYear() - 1, month <= 3 ? "SPRING" : "SUMMER");
    }

    /** The term of a school record's facts, or null when they do not name one. */
    public static SchoolTerm of(Map<String, Object> facts) {
        Object year = facts.get("academicYear");
        Object term = facts.get("term");
        if (!(year instanceof String y) || !(term instanceof String t) || !TERMS.contains(t)) {
            return null;
        }
        Matcher m = ACADEMIC_YEAR.matcher(y);
        return m.matches() ? new SchoolTerm(Integer.parseInt(m.group(1)), t) : null;
    }

    @Override
    public String toString() {
        return firstYear + "/" + String.format("%02d", (firstYear + 1) % 100) + " " + term;
    }
}
