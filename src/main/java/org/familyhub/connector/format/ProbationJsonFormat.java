package org.familyhub.connector.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;

/** Probation cases JSON (partner-feeds.md "probation"): {@code {"cases":[...], "next": cursor}}. */
public final class ProbationJsonFormat implements FeedFormat {

    private static final List<String> SENTENCE_TYPES =
            List.of("COMMUNITY_ORDER", "SUSPENDED_SENTENCE", "LICENCE", "POST_SENTENCE_SUPERVISION");
    private static final String DA_FLAG = "DOMESTIC_ABUSE_PERPETRATOR";
    private static final List<String> FLAGS = List.of(DA_FLAG, "CHILD_CONCERNS");

    @Override
    public String id() {
        return "probation-json";
    }

    @Override
    public List<ParsedItem> parse(String partner, String text, LocalDate receivedOn) throws UnreadableFeedException {
        JsonNode root = JsonText.read(text);
        JsonNode cases = root.isObject() ? root.get("cases") : null;
        if (cases == null || !cases.isArray()) {
            throw new UnreadableFeedException("not a probation cases document: expected a JSON object {\"cases\": [...]}");
        }
        List<ParsedItem> items = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            items.add(mapCase(partner, cases.get(i), i + 1, receivedOn));
        }
        return items;
    }

    private static ParsedItem mapCase(String partner, JsonNode c, int index, LocalDate receivedOn) {
        String raw = c.toString();
        String location = "case " + index;
        if (!c.isObject()) {
            return ParsedItem.rejected(index, location, raw, "the case is not a JSON object");
        }
        RowChecks checks = new RowChecks();
        String crn = checks.required("crn", JsonText.text(c, "crn", checks));
        String givenName = JsonText.text(c, "givenName", checks);
        String familyName = JsonText.text(c, "familyName", checks);
        LocalDate dateOfBirth = checks.date("dateOfBirth", JsonText.text(c, "dateOfBirth", checks));
        String sentenceType = checks.oneOf("sentenceType", JsonText.text(c, "sentenceType", checks), SENTENCE_TYPES, false);
        LocalDate start = checks.date("supervisionStart", JsonText.text(c, "supervisionStart", checks));
        LocalDate end = checks.date("supervisionEnd", JsonText.text(c, "supervisionEnd", checks));
        List<String> flags = new ArrayList<>();
        JsonNode flagNode = c.get("flags");
        if (flagNode != null && !flagNode.isNull()) {
            if (!flagNode.isArray()) {
                checks.problem("flags must be an array");
            } else {
                for (JsonNode f : flagNode) {
                    String flag = checks.oneOf("flags", f.isValueNode() ? f.asText() : f.toString(), FLAGS, true);
                    if (flag != null) {
                        flags.add(flag);
                    }
                }
            }
        }
        JsonNode a = c.get("address");
        JsonNode om = c.get("offenderManager");
        if (a != null && !a.isNull() && !a.isObject()) {
            checks.problem("address must be an object");
        }
        if (om != null && !om.isNull() && !om.isObject()) {
            checks.problem("offenderManager must be an object");
        }
        Address address = a == null || !a.isObject() ? Address.EMPTY : new Address(JsonText.text(a, "line1", checks),
                JsonText.text(a, "line2", checks), JsonText.text(a, "town", checks), JsonText.text(a, "postcode", checks),
                JsonText.text(a, "uprn", checks));
        String pncId = JsonText.text(c, "pncId", checks);
        Involvement involvement = null;
        String team = null;
        if (om != null && om.isObject()) {
            team = JsonText.text(om, "team", checks);
            involvement = new Involvement(team == null ? "Probation" : "Probation: " + team, "Offender manager",
                    JsonText.text(om, "name", checks), JsonText.text(om, "phone", checks), JsonText.text(om, "email", checks),
                    start, end);
        }
        if (!checks.ok()) {
            return ParsedItem.rejected(index, location, raw, checks.reason());
        }
        Subject subject = new Subject(givenName, familyName, dateOfBirth, null, address,
                new Identifiers(null, null, null, pncId, crn, null));
        Set<DataCategory> categories = EnumSet.of(DataCategory.OFFENDER_MANAGEMENT);
        if (flags.contains(DA_FLAG)) {
            categories.add(DataCategory.DOMESTIC_ABUSE);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("crn", crn);
        facts.put("sentenceType", sentenceType);
        facts.put("supervisionStart", start == null ? null : start.toString());
        facts.put("supervisionEnd", end == null ? null : end.toString());
        facts.put("flags", flags);
        facts.put("team", team);
        PartnerRecord record = new PartnerRecord(partner, "cases", RowChecks.key(crn), end != null ? end : receivedOn,
                subject, categories, facts, involvement);
        return ParsedItem.ok(index, location, raw, record);
    }
}
