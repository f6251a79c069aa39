package org.familyhub.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Period;
import java.util.List;

/**
 * The results (payment-by-results claim) rules of a framework, kept as data and exposed; the hub does not yet
 * evaluate claims (a later issue). A result is claimable when any {@code route} is satisfied. A route requires
 * the listed progress measures, or, with {@code everyIdentifiedCriterion}, the progress measure of every criterion
 * met at attachment. {@code sustainedAfterClosure} is how long outcomes must hold after the case closes (sf-2022).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClaimRules(String description, Period sustainedAfterClosure, List<Route> routes, List<Progress> progress) {

    public ClaimRules {
        routes = routes == null ? List.of() : List.copyOf(routes);
        progress = progress == null ? List.of() : List.copyOf(progress);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Route(String id, String title, String description, boolean everyIdentifiedCriterion, List<String> requires) {
        public Route {
            requires = requires == null ? List.of() : List.copyOf(requires);
        }
    }

    /**
     * A definition of sustained progress. Measures: those of {@link Aggregate}, plus {@code record-count} (records of
     * the criterion's rules over {@code over}), {@code reduction} (fall in that count against the same length of time
     * before attachment, as a fraction) and {@code continuous-employment} (an adult in work throughout {@code over}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(String id, String criterion, String description, String measure, String operator,
                           BigDecimal value, LookBack over) {

        public static final List<String> MEASURES = List.of("attendance-rate", "unauthorised-absence-rate",
                "exclusion-count", "record-count", "reduction", "continuous-employment");
    }
}
