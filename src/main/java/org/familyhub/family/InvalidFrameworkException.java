package org.familyhub.family;

import java.util.List;

/** A framework file that cannot be used, with every problem found in it. */
public class InvalidFrameworkException extends RuntimeException {

    private final List<String> problems;

    public InvalidFrameworkException(String source, List<String> problems) {
        super("Outcome framework " + source + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
