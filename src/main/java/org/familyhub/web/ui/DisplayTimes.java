package org.familyhub.web.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Times as GOV.UK pages write them ("27 November 2026, 07:39", UK time), for templates: {@code ${@times.at(x)}}. The
 * API keeps ISO instants; people read these.
 */
@Component("times")
public class DisplayTimes {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

    /** An instant, offset date-time, {@link Date} or ISO instant text in UK time; null stays null. */
    public String at(Object time) {
        Instant instant = instant(time);
        return instant == null ? (time == null ? null : time.toString()) : AT.format(instant.atZone(UK));
    }

    /** A number of seconds in words: "40 seconds", "14 minutes", "3 hours", "2 days". */
    public String ago(Number seconds) {
        if (seconds == null) {
            return null;
        }
        Duration d = Duration.ofSeconds(Math.max(0, seconds.longValue()));
        if (d.toMinutes() < 1) {
            return plural(d.toSeconds(), "second");
        }
        if (d.toHours() < 1) {
            return plural(d.toMinutes(), "minute");
        }
        if (d.toDays() < 1) {
            return plural(d.toHours(), "hour");
        }
        return plural(d.toDays(), "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static Instant instant(Object time) {
        if (time instanceof Instant i) {
            return i;
        }
        if (time instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (time instanceof Date d) {
            return d.toInstant();
        }
        if (time instanceof TemporalAccessor t && t.isSupported(java.time.temporal.ChronoField.INSTANT_SECONDS)) {
            return Instant.from(t);
        }
        if (time instanceof CharSequence s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e2) {
                    return null;
                }
            }
        }
        return null;
    }
}
