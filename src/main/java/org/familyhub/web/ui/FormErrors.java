package org.familyhub.web.ui;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;

/** A form's problems for the GOV.UK error summary and inline messages: field id → message, in the form's order. */
public class FormErrors extends LinkedHashMap<String, String> {

    public FormErrors add(String field, String message) {
        putIfAbsent(field, message);
        return this;
    }

    /** The page title's "Error: " prefix when the form has problems, as GOV.UK pages do. */
    public String title(String title) {
        return isEmpty() ? title : "Error: " + title;
    }

    /**
     * A date field (ISO, as the date inputs send it): null when blank, with {@code whenMissing} as its error if the
     * field is required (null: optional), or when it is not a real date, with an error that says so.
     */
    LocalDate date(String value, String field, String label, String whenMissing) {
        if (blank(value)) {
            if (whenMissing != null) {
                add(field, whenMissing);
            }
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            add(field, label + " must be a real date, like 2026-04-01");
            return null;
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
