package org.familyhub.connector.format;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;

/** Police incidents CSV (partner-feeds.md "police"): one row per person involved in an incident. */
public final class PoliceCsvFormat extends CsvFeedFormat {

    static final List<String> COLUMNS = List.of("incident_ref", "occurred_at", "category", "role", "given_name",
            "family_name", "date_of_birth", "sex", "address_line1", "address_line2", "town", "postcode", "uprn",
            "pnc_id", "officer_name", "officer_team", "officer_phone", "officer_email");

    private static final Map<String, DataCategory> CATEGORIES = categoryMap();
    private static final List<String> ROLES = List.of("SUSPECT", "OFFENDER", "VICTIM", "WITNESS", "SUBJECT");

    public PoliceCsvFormat() {
        super("police-csv", "police", COLUMNS);
    }

    private static Map<String, DataCategory> categoryMap() {
        Map<String, DataCategory> m = new LinkedHashMap<>();
        m.put("ASB", DataCategory.CRIME_ASB);
        m.put("CRIME", DataCategory.CRIME_ASB);
        m.put("DOMESTIC_ABUSE", DataCategory.DOMESTIC_ABUSE);
        m.put("MISSING_PERSON", DataCategory.CHILD_PROTECTION);
        m.put("CHILD_CONCERN", DataCategory.CHILD_PROTECTION);
        return m;
    }

    @Override
    protected PartnerRecord map(String partner, Row row, LocalDate receivedOn, RowChecks checks) {
        String incidentRef = checks.required("incident_ref", row.get("incident_ref"));
        OffsetDateTime occurredAt = checks.requiredDateTime("occurred_at", row.get("occurred_at"));
        String category = checks.oneOf("category", row.get("category"), CATEGORIES.keySet(), true);
        String role = checks.oneOf("role", row.get("role"), ROLES, true);
        String givenName = checks.required("given_name", row.get("given_name"));
        String familyName = checks.required("family_name", row.get("family_name"));
        LocalDate dateOfBirth = checks.date("date_of_birth", row.get("date_of_birth"));
        if (!checks.ok()) {
            return null;
        }
        Address address = new Address(RowChecks.text(row.get("address_line1")), RowChecks.text(row.get("address_line2")),
                RowChecks.text(row.get("town")), RowChecks.text(row.get("postcode")), RowChecks.text(row.get("uprn")));
        Identifiers ids = new Identifiers(null, null, null, RowChecks.text(row.get("pnc_id")), null, null);
        Subject subject = new Subject(givenName, familyName, dateOfBirth, RowChecks.text(row.get("sex")), address, ids);

        String team = RowChecks.text(row.get("officer_team"));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("incidentRef", incidentRef);
        facts.put("occurredAt", IsoDates.format(occurredAt));
        facts.put("incidentCategory", category);
        facts.put("role", role);
        facts.put("officerTeam", team);

        String officer = RowChecks.text(row.get("officer_name"));
        String phone = RowChecks.text(row.get("officer_phone"));
        String email = RowChecks.text(row.get("officer_email"));
        // The officer has been involved since the incident; no officer named means no involvement to report
        Involvement involvement = officer == null && team == null && phone == null && email == null ? null
                : new Involvement(team == null ? "Police" : "Police: " + team, "Police officer", officer, phone, email,
                occurredAt.toLocalDate(), null);

        String sourceRecordId = RowChecks.key(incidentRef, row.get("given_name"), row.get("family_name"), row.get("date_of_birth"));
        return new PartnerRecord(partner, "incidents", sourceRecordId, occurredAt.toLocalDate(), subject,
                EnumSet.of(CATEGORIES.get(category)), facts, involvement);
    }
}
