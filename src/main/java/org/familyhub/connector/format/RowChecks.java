package org.familyhub.connector.format;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads one row's fields and collects every problem, so a quarantined row names all its bad fields at once.
 * Values are trimmed; an empty value means unknown (null). Field names in reasons are the partner's own.
 */
final class RowChecks {

    private final List<String> problems = new ArrayList<>();

    static String text(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return v.isEmpty() ? null : v;
    }

    /** The key fields joined by {@code |}, each as sent (trimmed; unknown = empty). */
    static String key(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('|');
            }
            String p = text(parts[i]);
            sb.append(p == null ? "" : p);
        }
        return sb.toString();
    }

    void problem(String reason) {
        problems.add(reason);
    }

    boolean ok() {
        return problems.isEmpty();
    }

    String reason() {
        return String.join("; ", problems);
    }

    String required(String field, String value) {
        String v = text(value);
        if (v == null) {
            problems.add(field + " is missing");
        }
        return v;
    }

    LocalDate date(String field, String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        LocalDate plain = IsoDates.plainDate(v);
        if (plain != null) {
            return plain;
        }
        try {
            return LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + v + "' is not a date (expected yyyy-MM-dd)");
            return null;
        }
    }

    LocalDate requiredDate(String field, String value) {
        return text(value) == null ? missing(field) : date(field, value);
    }

    OffsetDateTime requiredDateTime(String field, String value) {
        String v = text(value);
        if (v == null) {
            return missing(field);
        }
        OffsetDateTime plain = IsoDates.plainOffsetDateTime(v);
        if (plain != null) {
            return plain;
        }
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + v + "' is not a date-time with offset (expected e.g. 2025-10-01T21:15:00+01:00)");
            return null;
        }
    }

    /** An enum value, exactly as the spec spells it; unknown values are refused, never mapped to a near match. */
    String oneOf(String field, String value, Collection<String> allowed, boolean required) {
        String v = text(value);
        if (v == null) {
            return required ? missing(field) : null;
        }
        if (!allowed.contains(v)) {
            problems.add(field + " '" + v + "' is not one of " + String.join(", ", allowed));
            return null;
        }
        return v;
    }

    /** A whole number not below zero. */
    Integer count(String field, String value, boolean required) {
        String v = text(value);
        if (v == null) {
            return required ? missing(field) : null;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add(field + " '" + v + "' is not a whole number");
            return null;
        }
        if (n < 0) {
            problems.add(field + " '" + v + "' must not be negative");
            return null;
        }
        return n;
    }

    BigDecimal decimal(String field, String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            problems.add(field + " '" + v + "' is not a number (expected e.g. 125.50)");
            return null;
        }
    }

    Boolean yesNo(String field, String value) {
        String v = oneOf(field, value, List.of("Y", "N"), false);
        return v == null ? null : v.equals("Y");
    }

    private <T> T missing(String field) {
        problems.add(field + " is missing");
        return null;
    }
}
