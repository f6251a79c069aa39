package org.familyhub.family;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * One outcome framework (domain.md), read from its YAML file: the criteria a family is assessed against, when it
 * is eligible, and the claim rules. Validated on load so a bad file stops the hub with a message, not a wrong answer.
 */
public record OutcomeFramework(String id, String name, String years, String description, List<Criterion> criteria,
                               Eligibility eligibility, ClaimRules claims) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public OutcomeFramework {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    /** Reads and validates a framework file; {@code source} names it in error messages. */
    public static OutcomeFramework read(String source, InputStream yaml) {
        OutcomeFramework framework;
        try {
            framework = YAML.readValue(yaml, OutcomeFramework.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidFrameworkException(source, List.of("unknown property '" + e.getPropertyName() + "' at "
                    + e.getPathReference() + " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new InvalidFrameworkException(source, List.of(cause(e)));
        }
        if (framework == null) {
            throw new InvalidFrameworkException(source, List.of("the file is empty"));
        }
        List<String> problems = FrameworkValidator.problems(framework);
        if (!problems.isEmpty()) {
            throw new InvalidFrameworkException(source, problems);
        }
        return framework;
    }

    /** Jackson's first line, plus the message of an exception a constructor threw (e.g. a bad look-back). */
    private static String cause(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        Throwable root = e.getCause();
        return root instanceof IllegalArgumentException iae ? iae.getMessage() + " (" + message + ")" : message;
    }

    public Optional<Criterion> criterion(String criterionId) {
        return criteria.stream().filter(c -> c.id().equals(criterionId)).findFirst();
    }
}
