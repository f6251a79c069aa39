package org.familyhub.connector.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Fast reading (and writing) of the plain ISO forms nearly every row uses ({@code 2025-10-01}, {@code 2025-10-01T21:15:00+01:00}).
 * Each method answers only for exactly that form and a valid value, and null otherwise, so that the caller asks
 * {@link java.time.format.DateTimeFormatter} as before: the result, and every refusal, stay the formatter's.
 */
final class IsoDates {

    private IsoDates() {
    }

    /** {@code yyyy-MM-dd} as {@link java.time.format.DateTimeFormatter#ISO_LOCAL_DATE} reads it, or null. */
    static LocalDate plainDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if ((year | month | day) < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} then {@code Z} or {@code ±HH:MM}, as
     * {@link java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME} reads it, or null.
     */
    static OffsetDateTime plainOffsetDateTime(String s) {
        int length = s.length();
        if ((length != 20 && length != 25) || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        LocalDate date = plainDate(s.substring(0, 10));
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (date == null || (hour | minute | second) < 0) {
            return null;
        }
        ZoneOffset offset;
        char sign = s.charAt(19);
        try {
            if (length == 20) {
                if (sign != 'Z') {
                    return null;
                }
                offset = ZoneOffset.UTC;
            } else {
                int offsetHours = digits(s, 20, 2);
                int offsetMinutes = digits(s, 23, 2);
                if ((sign != '+' && sign != '-') || s.charAt(22) != ':' || (offsetHours | offsetMinutes) < 0) {
                    return null;
                }
                int direction = sign == '+' ? 1 : -1;
                offset = ZoneOffset.ofHoursMinutes(direction * offsetHours, direction * offsetMinutes);
            }
            return OffsetDateTime.of(LocalDateTime.of(date.getYear(), date.getMonth(), date.getDayOfMonth(), hour, minute,
                    second), offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * {@code value.format(ISO_OFFSET_DATE_TIME)}: written directly for whole seconds in years 0000-9999 (e.g.
     * {@code 2025-10-01T21:15:00+01:00}, {@code ...Z} for UTC), by the formatter otherwise.
     */
    static String format(OffsetDateTime value) {
        int year = value.getYear();
        if (value.getNano() != 0 || year < 0 || year > 9999) {
            return value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        StringBuilder sb = new StringBuilder(25);
        pad(sb, year, 4).append('-');
        pad(sb, value.getMonthValue(), 2).append('-');
        pad(sb, value.getDayOfMonth(), 2).append('T');
        pad(sb, value.getHour(), 2).append(':');
        pad(sb, value.getMinute(), 2).append(':');
        pad(sb, value.getSecond(), 2);
        // The offset's id is the formatter's offset form: Z, +HH:MM, or +HH:MM:SS when it has seconds
        return sb.append(value.getOffset().getId()).toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    /** The ASCII digits s[from, from + count) as a number, or -1 if any is not one. */
    private static int digits(String s, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
