package org.familyhub.connector.format;

import java.math.BigDecimal;
import java.time.LocalDate;
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

/** Housing association tenancies CSV (partner-feeds.md "housing"): one row per household member. */
public final class HousingCsvFormat extends CsvFeedFormat {

    static final List<String> COLUMNS = List.of("tenancy_ref", "uprn", "address_line1", "address_line2", "town",
            "postcode", "given_name", "family_name", "date_of_birth", "relationship_to_tenant", "rent_arrears_gbp",
            "asb_complaints_12m", "notice_seeking_possession", "housing_officer_name", "housing_officer_phone",
            "housing_officer_email");

    private static final List<String> RELATIONSHIPS = List.of("TENANT", "JOINT_TENANT", "PARTNER", "CHILD", "OTHER");

    public HousingCsvFormat() {
        super("housing-csv", "housing", COLUMNS);
    }

    @Override
    protected PartnerRecord map(String partner, Row row, LocalDate receivedOn, RowChecks checks) {
        String tenancyRef = checks.required("tenancy_ref", row.get("tenancy_ref"));
        String givenName = checks.required("given_name", row.get("given_name"));
        String familyName = checks.required("family_name", row.get("family_name"));
        LocalDate dateOfBirth = checks.date("date_of_birth", row.get("date_of_birth"));
        String relationship = checks.oneOf("relationship_to_tenant", row.get("relationship_to_tenant"), RELATIONSHIPS, false);
        BigDecimal arrears = checks.decimal("rent_arrears_gbp", row.get("rent_arrears_gbp"));
        Integer asbComplaints = checks.count("asb_complaints_12m", row.get("asb_complaints_12m"), false);
        Boolean notice = checks.yesNo("notice_seeking_possession", row.get("notice_seeking_possession"));
        if (!checks.ok()) {
            return null;
        }
        Address address = new Address(RowChecks.text(row.get("address_line1")), RowChecks.text(row.get("address_line2")),
                RowChecks.text(row.get("town")), RowChecks.text(row.get("postcode")), RowChecks.text(row.get("uprn")));
        Identifiers ids = new Identifiers(null, null, null, null, null, tenancyRef);
        Subject subject = new Subject(givenName, familyName, dateOfBirth, null, address, ids);

        Set<DataCategory> categories = EnumSet.of(DataCategory.HOUSING);
        if ((arrears != null && arrears.signum() > 0) || Boolean.TRUE.equals(notice)) {
            categories.add(DataCategory.FINANCIAL_EXCLUSION);
        }
        if (asbComplaints != null && asbComplaints > 0) {
            categories.add(DataCategory.CRIME_ASB);
        }

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("tenancyRef", tenancyRef);
        facts.put("relationshipToTenant", relationship);
        facts.put("rentArrearsGbp", arrears);
        facts.put("asbComplaints12m", asbComplaints);
        facts.put("noticeSeekingPossession", notice);

        String officer = RowChecks.text(row.get("housing_officer_name"));
        String phone = RowChecks.text(row.get("housing_officer_phone"));
        String email = RowChecks.text(row.get("housing_officer_email"));
        Involvement involvement = officer == null && phone == null && email == null ? null
                : new Involvement("Housing", "Housing officer", officer, phone, email, null, null);

        String sourceRecordId = RowChecks.key(tenancyRef, row.get("given_name"), row.get("family_name"), row.get("date_of_birth"));
        return new PartnerRecord(partner, "tenancies", sourceRecordId, receivedOn, subject, categories, facts, involvement);
    }
}
