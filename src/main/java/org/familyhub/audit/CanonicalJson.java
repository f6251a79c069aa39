package org.familyhub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one text of an event's {@code details} that is hashed and stored. PostgreSQL's jsonb reorders keys and
 * rewrites numbers, so the hash cannot be over the text the caller's map happened to give: both the writer and the
 * verifier parse JSON text and print it with sorted keys and numbers as exact decimals without trailing zeros.
 */
final class CanonicalJson {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private CanonicalJson() {
    }

    /** The canonical text of a details map (null stays null). */
    static String of(Map<String, Object> details) {
        if (details == null) {
            return null;
        }
        try {
            Object plain = sortedPlain(details);
            if (plain != NOT_PLAIN) {
                // Strings, integers, booleans, lists and maps only: written with sorted keys they already are the
                // canonical text (integers print as the same exact decimals), without the print-parse-print round trip.
                return MAPPER.writeValueAsString(plain);
            }
            return canonical(MAPPER.writeValueAsString(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not JSON-serialisable: " + e.getMessage(), e);
        }
    }

    /** The canonical text of any JSON text, e.g. a jsonb column as PostgreSQL prints it. */
    static String canonical(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(normalise(MAPPER.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> toMap(String json) {
        try {
            return json == null ? null : MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static final Object NOT_PLAIN = new Object();

    /** A copy with every map's keys sorted, or {@link #NOT_PLAIN} if a value needs the general path (e.g. decimals, dates). */
    private static Object sortedPlain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            java.util.TreeMap<String, Object> out = new java.util.TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object value = sortedPlain(e.getValue());
                if (!(e.getKey() instanceof String k) || value == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                out.put(k, value);
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) {
                Object value = sortedPlain(e);
                if (value == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                out.add(value);
            }
            return out;
        }
        return NOT_PLAIN;
    }

    private static JsonNode normalise(JsonNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = f.objectNode();
            names.forEach(n -> out.set(n, normalise(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = f.arrayNode();
            node.forEach(e -> out.add(normalise(e)));
            return out;
        }
        if (node.isNumber()) {
            return f.numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }
}
