package org.familyhub.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.junit.jupiter.api.Test;

class HomeChooserTest {

    private static PartnerRecord record(String partner, LocalDate on, String line1, String postcode) {
        Subject s = new Subject("Kim", "Smith", LocalDate.of(1984, 3, 7), "F",
                new Address(line1, null, "Coventry", postcode, null), Identifiers.NONE);
        return new PartnerRecord(partner, "d", partner + on, on, s, Set.of(DataCategory.HOUSING), Map.of(), null);
    }

    @Test
    void aTenancyOutweighsANewerPoliceRecordAndGivesItsPostcode() {
        HomeChooser.Home home = HomeChooser.choose(List.of(
                record("housing", LocalDate.of(2026, 1, 5), "12 Mill Lane", "CV2 1XY"),
                record("police", LocalDate.of(2026, 3, 1), "3 Far Street", "CV6 4AB")));
        assertThat(home.key()).isEqualTo("pc:CV21XY:12");
        assertThat(home.postcode()).isEqualTo("CV21XY");
        assertThat(home.on()).isEqualTo(LocalDate.of(2026, 1, 5));
    }

    @Test
    void recordsWithAPostcodeButNoHouseGiveNoHomeButTheNewestPostcode() {
        HomeChooser.Home home = HomeChooser.choose(List.of(
                record("dwp", LocalDate.of(2025, 6, 1), null, "CV1 1AA"),
                record("dwp", LocalDate.of(2026, 2, 1), null, "cv5 9uq")));
        assertThat(home.key()).as("a postcode alone is a street, not a home").isNull();
        assertThat(home.postcode()).isEqualTo("CV59UQ");
    }

    @Test
    void noAddressAtAllGivesNothing() {
        assertThat(HomeChooser.choose(List.of(record("dwp", LocalDate.of(2026, 2, 1), null, null)))).isNull();
    }
}
