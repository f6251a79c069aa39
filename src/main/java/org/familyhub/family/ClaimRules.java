package org.familyhub.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Period;
import java.util.List;

/**
 * The results (payment-by-results claim) rules of a framework, as data; {@link ClaimEvaluator} applies them. A result
 * is claimable when a {@code route} is satisfied. A route requires the listed progress measures, or, with
 * {@code everyIdentifiedCriterion}, every progress measure of every criterion met at attachment.
 * {@code sustainedAfterClosure} is how long outcomes must hold after the case closes (sf-2022): a route then also
 * needs the case closed that long ago. {@code oneResultPerFamily}: one claim per family under the framework, whichever
 * route it takes (tf-2015: progress <em>or</em> employment); otherwise one per route.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClaimRules(String description, Period sustainedAfterClosure, Boolean oneResultPerFamily, List<Route> routes,
                         List<Progress> progress) {

    public ClaimRules {
        routes = routes == null ? List.of() : List.copyOf(routes);
        progress = progress == null ? List.of() : List.copyOf(progress);
        oneResultPerFamily = oneResultPerFamily != null && oneResultPerFamily;
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Route(String id, String title, String description, boolean everyIdentifiedCriterion, List<String> requires) {
        public Route {
            requires = requires == null ? List.of() : List.copyOf(requires);
        }
    }

    /**
     * A definition of sustained progress, measured after attachment ({@link ClaimEvaluator} says exactly how):
     * <ul>
     *   <li>{@code record-count}: records of the criterion's rules (or of {@code records}) in the last {@code over},
     *       compared with {@code value};</li>
     *   <li>{@code reduction}: the fall in that count against the same length of time up to attachment, as a
     *       fraction of it;</li>
     *   <li>{@code attendance-rate}, {@code unauthorised-absence-rate}, {@code exclusion-count} (of
     *       {@code exclusionType} if set): per child, over the latest {@code over: {terms: N}} consecutive terms with a
     *       school return after the term of attachment;</li>
     *   <li>{@code continuous-employment}: an adult with an {@code outOfWork} record, then {@code inWork} records from
     *       after attachment, the first at least {@code over} ago and one within it, and no {@code outOfWork} record
     *       since the first.</li>
     * </ul>
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Progress(String id, String criterion, String description, String measure, String operator,
                           BigDecimal value, LookBack over, String exclusionType, List<RecordRule> records,
                           List<RecordRule> inWork, List<RecordRule> outOfWork) {

        public static final List<String> MEASURES = List.of("attendance-rate", "unauthorised-absence-rate",
                "exclusion-count", "record-count", "reduction", "continuous-employment");
        /** Measures computed over school terms; the others over a period. */
        public static final List<String> TERM_MEASURES = List.of("attendance-rate", "unauthorised-absence-rate", "exclusion-count");

        public Progress {
            records = records == null ? List.of() : List.copyOf(records);
            inWork = inWork == null ? List.of() : List.copyOf(inWork);
            outOfWork = outOfWork == null ? List.of() : List.copyOf(outOfWork);
        }
    }
}
