package org.familyhub.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * A figure computed per member over all the records a rule selects, then compared with a threshold.
 * Measures: {@code attendance-rate} = (possible − authorised − unauthorised) ÷ possible, sessions summed over the
 * look-back; {@code unauthorised-absence-rate} = unauthorised ÷ possible, summed likewise; {@code exclusion-count}
 * = number of exclusions, optionally only those of {@code exclusionType}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Aggregate(String measure, String operator, BigDecimal value, String exclusionType) {

    public static final List<String> MEASURES = List.of("attendance-rate", "unauthorised-absence-rate", "exclusion-count");
}
