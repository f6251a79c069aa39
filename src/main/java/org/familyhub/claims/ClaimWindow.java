package org.familyhub.claims;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The claim windows a council submits in: the year cut into windows of {@code months} months, named for people
 * (1: {@code 2026-11}; 3: {@code 2026-Q4}; 6: {@code 2026-H2}; 12: {@code 2026}; 2 or 4: {@code 2026-P6}, {@code 2026-P3}).
 */
public record ClaimWindow(int months) {

    public static final List<Integer> ALLOWED = List.of(1, 2, 3, 4, 6, 12);
    /** Every name {@link #label} can give, whatever the length (a council that changes it keeps its old windows). */
    private static final Pattern LABEL = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]|P[1-6]))?");

    public ClaimWindow {
        if (!ALLOWED.contains(months)) {
            throw new IllegalArgumentException("a claim window of " + months + " months does not divide the year; use one of " + ALLOWED);
        }
    }

    /** True when {@code period} is the name of a window of some length, like {@code 2026-Q4} or {@code 2026-11}. */
    public static boolean isLabel(String period) {
        return period != null && LABEL.matcher(period).matches();
    }

    /** The window a date falls in. */
    public String label(LocalDate date) {
        int n = (date.getMonthValue() - 1) / months + 1;
        return switch (months) {
            case 1 -> String.format("%d-%02d", date.getYear(), date.getMonthValue());
            case 3 -> date.getYear() + "-Q" + n;
            case 6 -> date.getYear() + "-H" + n;
            case 12 -> String.valueOf(date.getYear());
            default -> date.getYear() + "-P" + n;
        };
    }
}
