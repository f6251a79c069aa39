package org.familyhub.validation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;

/**
 * Checks a mapped record's subject before it goes further (DESIGN §3). Values are checked as the partner sent them:
 * the parsers keep them unchanged, so a quarantine reason quotes exactly what the partner must correct.
 */
public final class RecordValidator {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final Pattern PNC_ID = Pattern.compile("\\d{2,4}/\\d{7}[A-Z]");
    private static final Pattern CRN = Pattern.compile("[A-Z]\\d{6}");

    private final Clock clock;
    /** Today by the clock, and the span of clock millis it lasts: reading the zone's rules for every record is costly. */
    private volatile Today today;

    private record Today(LocalDate date, long fromMillis, long untilMillis) {
    }

    public RecordValidator() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock gives "today" for the date-of-birth check */
    public RecordValidator(Clock clock) {
        this.clock = clock;
    }

    /** The reasons the record is invalid, in words; empty when it is valid. */
    public List<String> validate(PartnerRecord record) {
        List<String> problems = new ArrayList<>();
        Subject s = record.subject();
        if (s == null) {
            problems.add("the record has no subject");
            return problems;
        }
        if (blank(s.givenName())) {
            problems.add("given name is missing");
        }
        if (blank(s.familyName())) {
            problems.add("family name is missing");
        }
        LocalDate dob = s.dateOfBirth();
        if (dob != null && dob.isAfter(today())) {
            problems.add("date of birth " + dob + " is in the future");
        }
        if (dob != null && dob.isBefore(EARLIEST_BIRTH)) {
            problems.add("date of birth " + dob + " is before 1900");
        }
        Identifiers ids = s.identifiers() == null ? Identifiers.NONE : s.identifiers();
        check(problems, ids.nhsNumber(), IdentifierRules::checkNhsNumber);
        check(problems, ids.upn(), IdentifierRules::checkUpn);
        check(problems, ids.nino(), IdentifierRules::checkNino);
        check(problems, ids.pncId(), v -> PNC_ID.matcher(v).matches() ? null
                : "PNC id '" + v + "' must be a 2-4 digit year, '/', 7 digits and a check letter (e.g. 2001/0123456A)");
        check(problems, ids.crn(), v -> CRN.matcher(v).matches() ? null
                : "CRN '" + v + "' must be a capital letter and 6 digits (e.g. X123456)");
        if (s.address() != null) {
            check(problems, s.address().postcode(), IdentifierRules::checkPostcode);
        }
        return problems;
    }

    /** {@code LocalDate.now(clock)}, worked out again only when the clock has left the day last worked out. */
    private LocalDate today() {
        long now = clock.millis();
        Today t = today;
        if (t == null || now < t.fromMillis() || now >= t.untilMillis()) {
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(now), clock.getZone());
            t = new Today(date, date.atStartOfDay(clock.getZone()).toInstant().toEpochMilli(),
                    date.plusDays(1).atStartOfDay(clock.getZone()).toInstant().toEpochMilli());
            today = t;
        }
        return t.date();
    }

    private static void check(List<String> problems, String value, Function<String, String> rule) {
        if (!blank(value)) {
            String reason = rule.apply(value);
            if (reason != null) {
                problems.add(reason);
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
