package org.familyhub.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One condition on a record's facts. {@code field} may be a dotted path through nested maps and lists
 * ({@code exclusions.type}); where the path crosses a list, the condition holds when any element satisfies it
 * (so {@code flags in [CHILD_CONCERNS]} means "the flags include CHILD_CONCERNS").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactCondition(String field, String operator, Object value) {

    public boolean matches(Map<String, Object> facts) {
        Operator op = Operator.fromId(operator).orElseThrow();
        List<Object> candidates = resolve(facts, field);
        return candidates.stream().anyMatch(actual -> test(op, actual));
    }

    private boolean test(Operator op, Object actual) {
        if (actual == null) {
            return false;
        }
        return switch (op) {
            case EXISTS -> true;
            case TRUE -> Boolean.TRUE.equals(actual) || "true".equals(actual);
            case EQ -> same(actual, value);
            case IN -> value instanceof Collection<?> options && options.stream().anyMatch(o -> same(actual, o));
            default -> {
                BigDecimal a = number(actual);
                yield a != null && op.accepts(a.compareTo(number(value)));
            }
        };
    }

    /** Numbers compare by value (1 equals 1.0), anything else by its text. */
    private static boolean same(Object actual, Object expected) {
        BigDecimal a = number(actual);
        BigDecimal e = number(expected);
        if (a != null && e != null) {
            return a.compareTo(e) == 0;
        }
        return expected != null && String.valueOf(actual).equals(String.valueOf(expected));
    }

    static BigDecimal number(Object o) {
        if (o instanceof BigDecimal b) {
            return b;
        }
        if (o instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return null;
    }

    /** Every value at the path, lists flattened; an absent field yields nothing, so no condition on it holds. */
    static List<Object> resolve(Object node, String path) {
        List<Object> current = new ArrayList<>(List.of(node));
        for (String part : path.split("\\.")) {
            List<Object> next = new ArrayList<>();
            for (Object o : flatten(current)) {
                if (o instanceof Map<?, ?> m && m.get(part) != null) {
                    next.add(m.get(part));
                }
            }
            current = next;
        }
        return flatten(current);
    }

    private static List<Object> flatten(List<Object> values) {
        List<Object> flat = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof Collection<?> c) {
                c.stream().filter(e -> e != null).forEach(flat::add);
            } else if (v != null) {
                flat.add(v);
            }
        }
        return flat;
    }
}
