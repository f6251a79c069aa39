package org.familyhub.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

    private final RecordValidator validator =
            new RecordValidator(Clock.fixed(Instant.parse("2025-12-01T10:00:00Z"), ZoneOffset.UTC));

    private static PartnerRecord record(String given, String family, LocalDate dob, String postcode, Identifiers ids) {
        Subject s = new Subject(given, family, dob, null, new Address("1 High St", null, "Coventry", postcode, null), ids);
        return new PartnerRecord("p", "d", "k", LocalDate.of(2025, 11, 1), s, Set.of(DataCategory.HOUSING), Map.of(), null);
    }

    @Test
    void acceptsAValidRecordWithEveryIdentifier() {
        Identifiers ids = new Identifiers("9434765919", "A123456789012", "JT482915A", "2001/0123456A", "X123456", "T-1");
        assertThat(validator.validate(record("Mia", "O'Neill", LocalDate.of(2014, 8, 30), "CV1 4FS", ids))).isEmpty();
    }

    @Test
    void anUnknownDateOfBirthAndNoIdentifiersAreFine() {
        assertThat(validator.validate(record("Mia", "O'Neill", null, null, Identifiers.NONE))).isEmpty();
    }

    @Test
    void namesAreRequired() {
        assertThat(validator.validate(record(" ", null, null, null, Identifiers.NONE)))
                .containsExactly("given name is missing", "family name is missing");
    }

    @Test
    void dateOfBirthMustBeBetween1900AndToday() {
        assertThat(validator.validate(record("A", "B", LocalDate.of(2025, 12, 2), null, Identifiers.NONE)))
                .containsExactly("date of birth 2025-12-02 is in the future");
        assertThat(validator.validate(record("A", "B", LocalDate.of(1899, 12, 31), null, Identifiers.NONE)))
                .containsExactly("date of birth 1899-12-31 is before 1900");
        assertThat(validator.validate(record("A", "B", LocalDate.of(2025, 12, 1), null, Identifiers.NONE))).isEmpty();
    }

    @Test
    void reportsEveryBadIdentifierInWords() {
        Identifiers ids = new Identifiers("9434765918", "B123456789012", "QQ123456A", "2001/123456A", "x123456", null);
        assertThat(validator.validate(record("A", "B", null, "CV1 1CA", ids))).containsExactly(
                "NHS number '9434765918' fails the modulus 11 check (check digit should be 9)",
                "UPN 'B123456789012' has check letter B but its digits give A",
                "NINO 'QQ123456A' has a prefix letter that is never used (D, F, I, Q, U, V)",
                "PNC id '2001/123456A' must be a 2-4 digit year, '/', 7 digits and a check letter (e.g. 2001/0123456A)",
                "CRN 'x123456' must be a capital letter and 6 digits (e.g. X123456)",
                "postcode 'CV1 1CA' is not a UK postcode");
    }

    @Test
    void pncIdsWithTwoToFourDigitYearsPass() {
        for (String pnc : new String[] {"25/0123456B", "123/0123456B", "2003/0456789K"}) {
            Identifiers ids = new Identifiers(null, null, null, pnc, null, null);
            assertThat(validator.validate(record("A", "B", null, null, ids))).as(pnc).isEmpty();
        }
        Identifiers tooShort = new Identifiers(null, null, null, "5/0123456B", null, null);
        assertThat(validator.validate(record("A", "B", null, null, tooShort))).hasSize(1);
    }

    @Test
    void todayFollowsTheClockAcrossMidnightInItsZone() {
        MovableClock clock = new MovableClock(Instant.parse("2025-12-01T23:59:59.999Z"), java.time.ZoneId.of("Europe/London"));
        RecordValidator v = new RecordValidator(clock);
        PartnerRecord bornTomorrow = record("A", "B", LocalDate.of(2025, 12, 2), null, Identifiers.NONE);
        assertThat(v.validate(bornTomorrow)).containsExactly("date of birth 2025-12-02 is in the future");
        clock.now = Instant.parse("2025-12-02T00:00:00Z");
        assertThat(v.validate(bornTomorrow)).isEmpty();
        clock.now = Instant.parse("2025-12-01T12:00:00Z");
        assertThat(v.validate(bornTomorrow)).hasSize(1);
        // British Summer Time: 23:30 UTC on 1 July is already 2 July in London
        clock.now = Instant.parse("2025-07-01T23:30:00Z");
        assertThat(v.validate(record("A", "B", LocalDate.of(2025, 7, 2), null, Identifiers.NONE))).isEmpty();
    }

    private static final class MovableClock extends Clock {
        Instant now;
        private final java.time.ZoneId zone;

        MovableClock(Instant now, java.time.ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        @Override
        public java.time.ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(java.time.ZoneId z) {
            return new MovableClock(now, z);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
