package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path must agree with DateTimeFormatter wherever it answers, and answer for every plain valid value. */
class IsoDatesTest {

    private static final String[] YEARS = {"0000", "0001", "1900", "2000", "2024", "2025", "9999", "20a5", "-202"};
    private static final String[] MONTHS = {"00", "01", "02", "09", "12", "13", "1x"};
    private static final String[] DAYS = {"00", "01", "28", "29", "30", "31", "32", " 1"};
    private static final String[] TIMES = {"00:00:00", "21:15:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60",
            "7:15:00x", "12:00:0a"};
    private static final String[] OFFSETS = {"Z", "z", "+00:00", "-00:00", "+01:00", "-01:30", "+05:45", "+18:00",
            "-18:00", "+18:01", "+19:00", "+01:60", "+0100", "01:00", "+01:00:00", "Z ", ""};

    @Test
    void datesAgreeWithTheIsoFormatter() {
        List<String> inputs = new ArrayList<>(List.of("2025-10-01", "2025-1-01", "2025/10/01", "20251001", "2025-10-01 ",
                "+2025-10-01", "2025-10-011", "", "２０２５-10-01"));
        for (String y : YEARS) {
            for (String m : MONTHS) {
                for (String d : DAYS) {
                    inputs.add(y + "-" + m + "-" + d);
                }
            }
        }
        inputs.addAll(fuzz("0123456789-", 10, 20_000));
        int fast = 0;
        for (String s : inputs) {
            LocalDate expected = formatterDate(s);
            LocalDate plain = IsoDates.plainDate(s);
            if (plain != null) {
                fast++;
                assertThat(plain).as(s).isEqualTo(expected);
            } else if (expected != null) {
                assertThat(s).as("a plain date the fast path missed").doesNotMatch("\\d{4}-\\d{2}-\\d{2}");
            }
        }
        assertThat(fast).isGreaterThan(100);
        assertThat(IsoDates.plainDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(IsoDates.plainDate("2025-02-29")).isNull();
    }

    @Test
    void dateTimesAgreeWithTheIsoFormatter() {
        List<String> inputs = new ArrayList<>(List.of("2025-10-01T21:15:00+01:00", "2025-10-01t21:15:00+01:00",
                "2025-10-01T21:15+01:00", "2025-10-01T21:15:00.5+01:00", "2025-10-01 21:15:00+01:00", "2025-10-01T21:15:00"));
        for (String date : List.of("2025-10-01", "2024-02-29", "2025-02-29", "0000-01-01", "9999-12-31", "2025-13-01")) {
            for (String t : TIMES) {
                for (String o : OFFSETS) {
                    inputs.add(date + "T" + t + o);
                }
            }
        }
        inputs.addAll(fuzz("0123456789-:+TZ", 20, 20_000));
        inputs.addAll(fuzz("0123456789-:+T", 25, 20_000));
        int fast = 0;
        for (String s : inputs) {
            OffsetDateTime expected = formatterDateTime(s);
            OffsetDateTime plain = IsoDates.plainOffsetDateTime(s);
            if (plain != null) {
                fast++;
                assertThat(plain).as(s).isEqualTo(expected);
                assertThat(plain.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                        .isEqualTo(expected.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            } else if (expected != null) {
                assertThat(s).as("a plain date-time the fast path missed")
                        .doesNotMatch("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})");
            }
        }
        assertThat(fast).isGreaterThan(50);
    }

    /** Random strings of the given alphabet, mostly shaped like the plain form so that many are valid. */
    private static List<String> fuzz(String alphabet, int length, int count) {
        Random random = new Random(42);
        String template = length == 10 ? "2025-10-01" : length == 20 ? "2025-10-01T21:15:00Z" : "2025-10-01T21:15:00+01:00";
        List<String> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            char[] c = template.toCharArray();
            int changes = 1 + random.nextInt(3);
            for (int k = 0; k < changes; k++) {
                c[random.nextInt(length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            out.add(new String(c));
        }
        return out;
    }

    private static LocalDate formatterDate(String s) {
        try {
            return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static OffsetDateTime formatterDateTime(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void writesDateTimesAsTheIsoFormatterDoes() {
        Random random = new Random(7);
        List<OffsetDateTime> values = new ArrayList<>(List.of(
                OffsetDateTime.parse("2025-10-01T21:15:00+01:00"), OffsetDateTime.parse("2025-10-01T21:15:00Z"),
                OffsetDateTime.parse("0000-01-01T00:00:00-00:30"), OffsetDateTime.parse("9999-12-31T23:59:59+18:00"),
                OffsetDateTime.parse("2025-10-01T21:15:00.5+01:00"), OffsetDateTime.parse("+10000-01-01T00:00:00Z"),
                OffsetDateTime.parse("-0001-01-01T00:00:00Z"), OffsetDateTime.parse("2025-10-01T21:15:00+05:45:30")));
        for (int i = 0; i < 20_000; i++) {
            java.time.LocalDateTime t = java.time.LocalDateTime.of(random.nextInt(12_000) - 1_000, 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : 0);
            int offsetSeconds = (random.nextInt(37) - 18) * 3600 + (random.nextBoolean() ? 0 : random.nextInt(60) * 60)
                    + (random.nextInt(10) == 0 ? random.nextInt(60) : 0);
            values.add(OffsetDateTime.of(t, java.time.ZoneOffset.ofTotalSeconds(
                    Math.max(-18 * 3600, Math.min(18 * 3600, offsetSeconds)))));
        }
        for (OffsetDateTime v : values) {
            assertThat(IsoDates.format(v)).isEqualTo(v.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
    }
}
