package org.familyhub.connector.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads a JSON body with Jackson, turning its errors into one sentence with the line and column. */
final class JsonText {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonText() {
    }

    static JsonNode read(String text) throws UnreadableFeedException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonEOFException e) {
            throw new UnreadableFeedException("truncated JSON: unexpected end of input at line " + line(e.getLocation()), e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new UnreadableFeedException("malformed JSON" + where + ": " + detail, e);
        }
        if (node == null || node.isMissingNode()) {
            throw new UnreadableFeedException("the body is empty");
        }
        return node;
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    /** A text value, trimmed; null for absent, JSON null or empty. Numbers and booleans give their text. */
    static String text(JsonNode parent, String field, RowChecks checks) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            checks.problem(field + " must be a single value, not " + (v.isArray() ? "an array" : "an object"));
            return null;
        }
        return RowChecks.text(v.asText());
    }
}
