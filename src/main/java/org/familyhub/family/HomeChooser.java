package org.familyhub.family;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.familyhub.linkage.HouseholdKeys;
import org.familyhub.record.Address;
import org.familyhub.record.PartnerRecord;

/**
 * Where a person lives now, from their records. The latest address alone is not enough: a GP's list keeps an old
 * address on an open episode long after a move. So each address is scored: a tenancy or a school return counts
 * most (they are about where the person lives), records within a year of the person's newest one count fully,
 * older ones a little; the best score wins, the newest on a tie.
 */
public final class HomeChooser {

    private static final Map<String, Double> AUTHORITY = Map.of("housing", 4.0, "school", 3.0, "police", 2.0,
            "probation", 2.0, "health", 1.0, "dwp", 0.5);

    private HomeChooser() {
    }

    /**
     * @param key      the home, or null when no record places one (a DWP match return gives a postcode only)
     * @param postcode the home's postcode; without a home, the postcode of the newest record that gives one
     */
    public record Home(String key, LocalDate on, String postcode) {
    }

    public static Home choose(List<PartnerRecord> records) {
        LocalDate newest = null;
        for (PartnerRecord r : records) {
            if (r.observedAt() != null && (newest == null || r.observedAt().isAfter(newest))) {
                newest = r.observedAt();
            }
        }
        Map<String, Double> score = new HashMap<>();
        Map<String, LocalDate> latest = new HashMap<>();
        Map<String, String> postcodes = new HashMap<>();
        String anyPostcode = null;
        LocalDate anyOn = null;
        for (PartnerRecord r : records) {
            Address a = r.subject().address();
            String pc = a == null ? null : HouseholdKeys.postcode(a.postcode());
            if (pc != null && (anyPostcode == null || r.observedAt() != null && (anyOn == null || r.observedAt().isAfter(anyOn)))) {
                anyPostcode = pc;
                anyOn = r.observedAt();
            }
            String key = a == null ? null : HouseholdKeys.home(a.line1(), a.postcode(), a.uprn());
            if (key == null) {
                continue;
            }
            if (pc != null) {
                postcodes.putIfAbsent(key, pc);
            }
            boolean recent = newest == null || r.observedAt() == null || !r.observedAt().isBefore(newest.minusYears(1));
            score.merge(key, AUTHORITY.getOrDefault(r.partner(), 1.0) * (recent ? 1.0 : 0.1), Double::sum);
            LocalDate on = r.observedAt() == null ? LocalDate.MIN : r.observedAt();
            latest.merge(key, on, (x, y) -> x.isAfter(y) ? x : y);
        }
        String best = null;
        for (String key : score.keySet()) {
            if (best == null || score.get(key) > score.get(best)
                    || score.get(key).equals(score.get(best)) && latest.get(key).isAfter(latest.get(best))
                    || score.get(key).equals(score.get(best)) && latest.get(key).equals(latest.get(best)) && key.compareTo(best) < 0) {
                best = key;
            }
        }
        if (best == null) {
            return anyPostcode == null ? null : new Home(null, anyOn, anyPostcode);
        }
        return new Home(best, latest.get(best) == LocalDate.MIN ? null : latest.get(best), postcodes.get(best));
    }
}
