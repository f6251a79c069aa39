package org.familyhub.family;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a framework's claim rules make of one family on one date: each route, claimable or not, and why. */
public record ClaimDecision(String framework, LocalDate evaluatedOn, LocalDate attachedOn, List<RouteResult> routes) {

    /** The purpose claims are made and read for. */
    public static final String PURPOSE = "claim";
    /**
     * A record's details go in a claim's evidence pack only when it was kept for one of these: evidencing outcomes is
     * what a claim's pack does, and the statutory gateways grant {@code outcome-evidence} (only consent grants
     * {@code claim} itself). DWP data, kept for identification only, never qualifies.
     */
    public static final Set<String> EVIDENCE_PURPOSES = Set.of("outcome-evidence", PURPOSE);

    /** Whether a record kept for these purposes may be shown in a claim. */
    public static boolean shownInClaims(Set<String> purposes) {
        return purposes.stream().anyMatch(EVIDENCE_PURPOSES::contains);
    }

    public ClaimDecision {
        routes = List.copyOf(routes);
    }

    public List<RouteResult> claimable() {
        return routes.stream().filter(RouteResult::claimable).toList();
    }

    public RouteResult route(String id) {
        return routes.stream().filter(r -> r.route().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("framework " + framework + " has no claim route " + id));
    }

    /** One route (an outcome that can be claimed): its measures and, in words, why it is or is not claimable. */
    public record RouteResult(String route, String title, boolean claimable, String reason, List<MeasureResult> measures) {

        public RouteResult {
            measures = List.copyOf(measures);
        }

        public MeasureResult measure(String progressId) {
            return measures.stream().filter(m -> m.progress().equals(progressId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("route " + route + " has no measure " + progressId));
        }

        /**
         * The evidence pack of a claim on this route, as the claim purpose may see it: one item per measure. A record
         * not kept for outcome evidence or claims ({@link #EVIDENCE_PURPOSES}; DWP, kept for identification only) still
         * counts, but only as "criterion met": it is left out, and so are the measure's finding and dates, which it
         * shaped.
         */
        public List<Map<String, Object>> evidencePack() {
            List<Map<String, Object>> pack = new ArrayList<>();
            for (MeasureResult m : measures) {
                Map<String, Object> item = new LinkedHashMap<>();
                if (m.criterion() != null) {
                    item.put("criterion", m.criterion());
                }
                item.put("progress", m.progress());
                item.put("description", m.description());
                item.put("result", "criterion met");
                boolean withheld = m.records().stream().anyMatch(r -> !r.forClaim());
                if (withheld) {
                    item.put("detailsWithheld", true);
                } else {
                    item.put("measure", m.measure());
                    item.put("finding", m.finding());
                    item.put("from", m.from() == null ? null : m.from().toString());
                    item.put("to", m.to() == null ? null : m.to().toString());
                }
                List<Map<String, Object>> records = new ArrayList<>();
                for (ClaimRecord r : m.records()) {
                    if (r.forClaim()) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("role", r.role());
                        o.put("personId", r.personId());
                        o.put("partner", r.partner());
                        o.put("sourceRecordId", r.sourceRecordId());
                        o.put("category", r.category());
                        o.put("observedAt", r.observedAt() == null ? null : r.observedAt().toString());
                        o.put("basis", r.basis());
                        records.add(o);
                    }
                }
                item.put("records", records);
                pack.add(item);
            }
            return pack;
        }
    }

    /**
     * One progress measure: met or not, the figure in words, the dates it covers (inclusive), and the records behind
     * it: those that showed the problem at attachment and those that show progress since.
     */
    public record MeasureResult(String progress, String criterion, String measure, String description, boolean met,
                                String finding, LocalDate from, LocalDate to, List<ClaimRecord> records) {
        public MeasureResult {
            records = List.copyOf(records);
        }
    }

    /**
     * A record behind a measure. {@code role}: {@code ATTACHMENT} (it showed the problem when the family was attached)
     * or {@code PROGRESS}. {@code forClaim}: kept for a purpose that lets its details go in a claim
     * ({@link #EVIDENCE_PURPOSES}).
     */
    public record ClaimRecord(String personId, String partner, String sourceRecordId, String category, LocalDate observedAt,
                              List<String> basis, String role, boolean forClaim) {
        public ClaimRecord {
            basis = basis == null ? List.of() : List.copyOf(basis);
        }
    }
}
