package org.familyhub.connector.format;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;

/**
 * DWP benefit match return CSV (partner-feeds.md "dwp"). Shared under WRA 2012 s131 for identification only,
 * so it carries no involvement: no DWP worker is ever shown to a key worker.
 */
public final class DwpCsvFormat extends CsvFeedFormat {

    static final List<String> COLUMNS = List.of("match_ref", "nino", "given_name", "family_name", "date_of_birth",
            "postcode", "benefit", "claim_start", "work_status");

    private static final List<String> BENEFITS = List.of("UC", "JSA", "ESA", "IS", "PIP", "CA");
    private static final List<String> WORK_STATUSES = List.of("NOT_WORKING", "WORKING_LOW_INCOME");

    public DwpCsvFormat() {
        super("dwp-csv", "DWP match", COLUMNS);
    }

    @Override
    protected PartnerRecord map(String partner, Row row, LocalDate receivedOn, RowChecks checks) {
        String matchRef = checks.required("match_ref", row.get("match_ref"));
        String givenName = RowChecks.text(row.get("given_name"));
        String familyName = RowChecks.text(row.get("family_name"));
        LocalDate dateOfBirth = checks.date("date_of_birth", row.get("date_of_birth"));
        String benefit = checks.oneOf("benefit", row.get("benefit"), BENEFITS, true);
        LocalDate claimStart = checks.date("claim_start", row.get("claim_start"));
        String workStatus = checks.oneOf("work_status", row.get("work_status"), WORK_STATUSES, false);
        if (!checks.ok()) {
            return null;
        }
        Address address = new Address(null, null, null, RowChecks.text(row.get("postcode")), null);
        Identifiers ids = new Identifiers(null, null, RowChecks.text(row.get("nino")), null, null, null);
        Subject subject = new Subject(givenName, familyName, dateOfBirth, null, address, ids);

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("matchRef", matchRef);
        facts.put("benefit", benefit);
        facts.put("claimStart", claimStart == null ? null : claimStart.toString());
        facts.put("workStatus", workStatus);

        return new PartnerRecord(partner, "benefit-matches", RowChecks.key(matchRef), receivedOn, subject,
                EnumSet.of(DataCategory.WORKLESSNESS), facts, null);
    }
}
