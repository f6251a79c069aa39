package org.familyhub.family;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The comparisons a framework file may use in a fact condition, an aggregate or a progress measure. */
public enum Operator {
    LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), EQ("eq"), IN("in"), EXISTS("exists"), TRUE("true");

    private final String id;

    Operator(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean numeric() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }

    /** Whether {@code comparison} (the sign of actual compared with the threshold) satisfies this numeric operator. */
    public boolean accepts(int comparison) {
        return switch (this) {
            case LT -> comparison < 0;
            case LTE -> comparison <= 0;
            case GT -> comparison > 0;
            case GTE -> comparison >= 0;
            case EQ -> comparison == 0;
            default -> throw new IllegalStateException(id + " is not a numeric comparison");
        };
    }

    public static Optional<Operator> fromId(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Operator::id).toList();
    }
}
