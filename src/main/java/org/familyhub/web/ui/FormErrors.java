package org.familyhub.web.ui;

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

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
