package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.junit.jupiter.api.Test;

class HousingCsvFormatTest {

    private static final String HEADER = String.join(",", HousingCsvFormat.COLUMNS);
    private final HousingCsvFormat format = new HousingCsvFormat();

    @Test
    void mapsARowWithArrearsNoticeAndAsb() throws Exception {
        String csv = HEADER + "\nT-1,100070000001,1 High St,,Coventry,CV1 1AA,Kim,Smith,1985-01-02,TENANT,350.25,1,N,"
                + "M Bell,024 7671 2000,m.bell@housing.example\n";
        PartnerRecord r = format.parse("housing-citizen", csv, Feeds.RECEIVED).get(0).record();
        assertThat(r.partner()).isEqualTo("housing-citizen");
        assertThat(r.dataset()).isEqualTo("tenancies");
        assertThat(r.sourceRecordId()).isEqualTo("T-1|Kim|Smith|1985-01-02");
        assertThat(r.observedAt()).isEqualTo(Feeds.RECEIVED);
        assertThat(r.categories()).containsExactlyInAnyOrder(DataCategory.HOUSING, DataCategory.FINANCIAL_EXCLUSION,
                DataCategory.CRIME_ASB);
        assertThat(r.subject().identifiers().tenancyRef()).isEqualTo("T-1");
        assertThat(r.facts()).containsOnlyKeys("tenancyRef", "relationshipToTenant", "rentArrearsGbp", "asbComplaints12m",
                "noticeSeekingPossession");
        assertThat(r.facts().get("rentArrearsGbp")).isEqualTo(new BigDecimal("350.25"));
        assertThat(r.facts().get("asbComplaints12m")).isEqualTo(1);
        assertThat(r.facts().get("noticeSeekingPossession")).isEqualTo(false);
        assertThat(r.involvement()).isEqualTo(new Involvement("Housing", "Housing officer", "M Bell", "024 7671 2000",
                "m.bell@housing.example", null, null));
    }

    @Test
    void aNoticeAloneIsFinancialExclusionAndNoArrearsIsJustHousing() throws Exception {
        String csv = HEADER + "\n"
                + "T-1,,,,,,Kim,Smith,,TENANT,0,0,Y,,,\n"
                + "T-2,,,,,,Lee,Smith,,TENANT,0.00,0,N,,,\n";
        List<ParsedItem> items = format.parse("housing", csv, Feeds.RECEIVED);
        assertThat(items.get(0).record().categories()).containsExactlyInAnyOrder(DataCategory.HOUSING, DataCategory.FINANCIAL_EXCLUSION);
        assertThat(items.get(1).record().categories()).containsExactly(DataCategory.HOUSING);
        assertThat(items.get(1).record().involvement()).isNull();
    }

    @Test
    void parsesTheSampleFile() throws Exception {
        List<ParsedItem> items = Feeds.parse(format, "housing", Feeds.sample("housing", "tenancies.csv"));
        assertThat(items).hasSize(6).allMatch(ParsedItem::isOk);
        assertThat(items.get(3).record().sourceRecordId()).isEqualTo("CH-T-004521|Jack|O'Neill|2017-02-14");
        assertThat(items.get(4).record().subject().address().line1()).isEqualTo("Flat 3, Deedmore Court");
        assertThat(items.get(4).record().categories()).contains(DataCategory.FINANCIAL_EXCLUSION, DataCategory.CRIME_ASB);
    }

    @Test
    void quarantinesRowsWithBadNumbersAndValues() throws Exception {
        String csv = HEADER + "\n"
                + "T-1,,,,,,Kim,Smith,,LODGER,12,50,two,maybe,,,\n"
                + "T-2,,,,,,Lee,Smith,,TENANT,-10.00,-1,N,,,\n"
                + ",,,,,,,Smith,,TENANT,,,,,,\n"
                + "T-4,,,,,,Ann,Smith,,CHILD,,,,,,\n";
        List<ParsedItem> items = format.parse("housing", csv, Feeds.RECEIVED);
        assertThat(items).extracting(ParsedItem::position).containsExactly(2, 3, 4, 5);
        assertThat(items.get(0).problem()).isEqualTo("the row has 17 fields but the header has 16");
        assertThat(items.get(1).problem()).isEqualTo("asb_complaints_12m '-1' must not be negative");
        assertThat(items.get(2).problem()).isEqualTo("tenancy_ref is missing; given_name is missing");
        assertThat(items.get(3).isOk()).isTrue();
        assertThat(items.get(3).record().facts().get("rentArrearsGbp")).isNull();
    }

    @Test
    void reportsEachBadValueInWords() throws Exception {
        String csv = HEADER + "\nT-1,,,,,,Kim,Smith,01/02/1985,LODGER,12.5x,two,maybe,,,\n";
        assertThat(format.parse("housing", csv, Feeds.RECEIVED).get(0).problem()).isEqualTo(
                "date_of_birth '01/02/1985' is not a date (expected yyyy-MM-dd); "
                        + "relationship_to_tenant 'LODGER' is not one of TENANT, JOINT_TENANT, PARTNER, CHILD, OTHER; "
                        + "rent_arrears_gbp '12.5x' is not a number (expected e.g. 125.50); "
                        + "asb_complaints_12m 'two' is not a whole number; "
                        + "notice_seeking_possession 'maybe' is not one of Y, N");
    }

    @Test
    void refusesAPoliceFilePostedAsHousing() {
        assertThatThrownBy(() -> Feeds.parse(format, "housing", Feeds.sample("police", "incidents.csv")))
                .hasMessage("not a housing CSV: header is missing columns tenancy_ref, relationship_to_tenant, rent_arrears_gbp, "
                        + "asb_complaints_12m, notice_seeking_possession, housing_officer_name, housing_officer_phone, "
                        + "housing_officer_email");
    }
}
