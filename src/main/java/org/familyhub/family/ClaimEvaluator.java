package org.familyhub.family;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.familyhub.family.ClaimDecision.ClaimRecord;
import org.familyhub.family.ClaimDecision.MeasureResult;
import org.familyhub.family.ClaimDecision.RouteResult;
import org.familyhub.record.DataCategory;
import org.familyhub.record.PartnerRecord;

/**
 * Decides from the records the hub holds whether a family is claimable under its framework's claim rules
 * ({@link ClaimRules}) on a date. Pure: no clock, no storage.
 * <p>
 * Attachment is when the family was first found eligible under the framework, with the criteria met then (stored by
 * the assessor); progress is measured <em>after</em> it only, so a family is never claimable on the day it is found.
 * A record counts when kept for identification, assessment, outcome evidence or claims; its details go in a claim only
 * when kept for outcome evidence or claims ({@link RouteResult#evidencePack()}). The problems at attachment are found again by assessing
 * the family on its attachment date, for the evidence pack and to know which children a school measure is about.
 */
public final class ClaimEvaluator {

    /** Purposes that let a record count towards a claim decision. */
    static final Set<String> COUNTING = Set.of("identification", "assessment", "outcome-evidence", "claim");

    private final OutcomeFramework framework;
    private final ClaimRules rules;
    private final CriteriaEvaluator criteria;

    public ClaimEvaluator(OutcomeFramework framework) {
        if (framework.claims() == null) {
            throw new IllegalArgumentException("framework " + framework.id() + " has no claim rules");
        }
        this.framework = framework;
        this.rules = framework.claims();
        this.criteria = new CriteriaEvaluator(framework);
    }

    /** When the family was attached (first found eligible under the framework) and the criteria it was attached on. */
    public record Attachment(LocalDate on, List<String> criteria) {
        public Attachment {
            Objects.requireNonNull(on, "attachment date");
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
        }
    }

    /**
     * @param caseClosedOn when the family's case closed (its allocation ended), or null while open: frameworks with
     *                     {@code sustainedAfterClosure} (sf-2022) need it
     */
    public ClaimDecision evaluate(List<MemberRecords> family, Attachment attachment, LocalDate caseClosedOn, LocalDate on) {
        Context cx = new Context(family, attachment, caseClosedOn, on, criteria.evaluate(family, attachment.on()));
        List<RouteResult> routes = new ArrayList<>();
        for (ClaimRules.Route r : rules.routes()) {
            routes.add(route(r, cx));
        }
        return new ClaimDecision(framework.id(), on, attachment.on(), routes);
    }

    /** What every measure of one evaluation shares. */
    private record Context(List<MemberRecords> family, Attachment attachment, LocalDate closedOn, LocalDate on,
                           FamilyAssessment atAttachment) {

        LocalDate attachedOn() {
            return attachment.on();
        }

        EvidenceRecord record(String partner, String sourceRecordId) {
            for (MemberRecords m : family) {
                for (EvidenceRecord r : m.records()) {
                    if (r.record().partner().equals(partner) && r.record().sourceRecordId().equals(sourceRecordId)) {
                        return r;
                    }
                }
            }
            return null;
        }
    }

    /** A record a measure selected, with whose it is. */
    private record Selected(MemberRecords member, EvidenceRecord record) {
        LocalDate observedAt() {
            return record.record().observedAt();
        }
    }

    private RouteResult route(ClaimRules.Route r, Context cx) {
        Map<String, MeasureResult> measures = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (r.everyIdentifiedCriterion()) {
            if (cx.attachment().criteria().isEmpty()) {
                problems.add("no criteria recorded at attachment");
            }
            for (Criterion c : framework.criteria()) {
                if (!cx.attachment().criteria().contains(c.id())) {
                    continue;
                }
                List<ClaimRules.Progress> ps = rules.progress().stream().filter(p -> c.id().equals(p.criterion())).toList();
                if (ps.isEmpty()) {
                    problems.add("criterion " + c.id() + " has no progress measure");
                }
                ps.forEach(p -> measures.put(p.id(), measure(p, cx)));
            }
        }
        for (String id : r.requires()) {
            rules.progress().stream().filter(p -> p.id().equals(id)).findFirst()
                    .ifPresent(p -> measures.computeIfAbsent(id, k -> measure(p, cx)));
        }
        Period sustain = rules.sustainedAfterClosure();
        if (sustain != null) {
            if (cx.closedOn() == null) {
                problems.add("the case is not closed; outcomes must be sustained for " + sustain + " after closure");
            } else if (cx.closedOn().isBefore(cx.attachedOn())) {
                problems.add("the case closed on " + cx.closedOn() + ", before attachment on " + cx.attachedOn());
            } else if (cx.on().isBefore(cx.closedOn().plus(sustain))) {
                problems.add("the case closed on " + cx.closedOn() + "; outcomes must be sustained until "
                        + cx.closedOn().plus(sustain));
            }
        }
        measures.values().stream().filter(m -> !m.met()).forEach(m -> problems.add(m.progress() + ": " + m.finding()));
        boolean claimable = problems.isEmpty() && !measures.isEmpty();
        String reason = claimable
                ? "Claimable under " + framework.id() + " (" + r.id() + "): " + String.join(", ", measures.keySet()) + " met"
                : "Not claimable under " + framework.id() + " (" + r.id() + "): " + String.join("; ", problems);
        return new RouteResult(r.id(), r.title(), claimable, reason, List.copyOf(measures.values()));
    }

    private MeasureResult measure(ClaimRules.Progress p, Context cx) {
        return switch (p.measure()) {
            case "record-count" -> recordCount(p, cx);
            case "reduction" -> reduction(p, cx);
            case "attendance-rate", "unauthorised-absence-rate", "exclusion-count" -> schoolTerms(p, cx);
            case "continuous-employment" -> continuousEmployment(p, cx);
            default -> throw new IllegalStateException("unknown measure " + p.measure()); // the validator prevents it
        };
    }

    // ---- record-count and reduction -------------------------------------------------------------------------------

    /**
     * Records of the measure's rules in the last {@code over} (after its first day, up to the evaluation date): the
     * window must lie wholly after attachment, so a record exactly {@code over} before the date is outside it. With
     * closure rules (sf-2022) the window runs from the closure when that is earlier: nothing new since the case closed.
     */
    private MeasureResult recordCount(ClaimRules.Progress p, Context cx) {
        LocalDate after = cx.on().minus(p.over().period());
        if (rules.sustainedAfterClosure() != null && cx.closedOn() != null && cx.closedOn().isBefore(after)) {
            after = cx.closedOn();
        }
        List<ClaimRecord> atAttachment = attachmentRecords(p, cx);
        if (after.isBefore(cx.attachedOn())) {
            return result(p, false, tooSoon(p, cx), null, null, atAttachment);
        }
        List<Selected> in = select(selectors(p), cx, after, cx.on());
        boolean met = compare(p, BigDecimal.valueOf(in.size()));
        LocalDate from = after.plusDays(1);
        String finding = in.isEmpty() ? "no record from " + from + " to " + cx.on()
                : in.size() + " record(s) from " + from + " to " + cx.on() + ", the latest on " + latest(in);
        return result(p, met, finding, from, cx.on(), concat(atAttachment, records(in, "PROGRESS")));
    }

    /** The fall in the count from the {@code over} up to attachment (inclusive) to the last {@code over}. */
    private MeasureResult reduction(ClaimRules.Progress p, Context cx) {
        LocalDate after = cx.on().minus(p.over().period());
        if (after.isBefore(cx.attachedOn())) {
            return result(p, false, tooSoon(p, cx), null, null, attachmentRecords(p, cx));
        }
        LocalDate beforeFrom = cx.attachedOn().minus(p.over().period());
        List<Selected> before = select(selectors(p), cx, beforeFrom.minusDays(1), cx.attachedOn());
        List<Selected> now = select(selectors(p), cx, after, cx.on());
        List<ClaimRecord> records = concat(records(before, "ATTACHMENT"), records(now, "PROGRESS"));
        if (before.isEmpty()) {
            return result(p, false, "no record from " + beforeFrom + " to " + cx.attachedOn() + " (before attachment): nothing to reduce",
                    null, null, records);
        }
        // exact: (before − now) / before against the threshold, as (before − now) against threshold × before
        BigDecimal fall = BigDecimal.valueOf(before.size() - now.size());
        boolean met = p.value() != null && operator(p).accepts(fall.compareTo(p.value().multiply(BigDecimal.valueOf(before.size()))));
        String percent = fall.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(before.size()), 1, RoundingMode.HALF_UP).toPlainString();
        String finding = before.size() + " record(s) from " + beforeFrom + " to " + cx.attachedOn() + ", " + now.size()
                + " from " + after.plusDays(1) + " to " + cx.on() + ": down " + percent + "%";
        return result(p, met, finding, beforeFrom, cx.on(), records);
    }

    private String tooSoon(ClaimRules.Progress p, Context cx) {
        return "attached on " + cx.attachedOn() + ": the " + p.over() + " measured must lie after attachment (from "
                + cx.attachedOn().plus(p.over().period()) + " at the earliest)";
    }

    private List<RecordRule> selectors(ClaimRules.Progress p) {
        if (!p.records().isEmpty()) {
            return p.records();
        }
        return framework.criterion(p.criterion()).map(c -> c.rules().stream().filter(r -> r.aggregate() == null)
                .map(RecordRule::of).toList()).orElse(List.of());
    }

    /** Counting records of any member matching any rule, observed after {@code after} up to {@code to} inclusive. */
    private static List<Selected> select(List<RecordRule> selectors, Context cx, LocalDate after, LocalDate to) {
        Map<String, Selected> unique = new LinkedHashMap<>();
        for (MemberRecords m : cx.family()) {
            for (EvidenceRecord r : m.records()) {
                LocalDate at = r.record().observedAt();
                if (at == null || !at.isAfter(after) || at.isAfter(to) || !counts(r)) {
                    continue;
                }
                if (selectors.stream().anyMatch(s -> s.matches(r, m.dateOfBirth(), cx.on()))) {
                    unique.putIfAbsent(m.personId() + "|" + key(r.record()), new Selected(m, r));
                }
            }
        }
        return unique.values().stream().sorted(Comparator.comparing(Selected::observedAt)).toList();
    }

    // ---- school terms -------------------------------------------------------------------------------------------

    /**
     * Per child evidenced for the criterion at attachment (or, when the records that showed it are gone, every child
     * with school returns since): the latest {@code N} terms with a return after the term of attachment, which must be
     * {@code N} consecutive terms; the rate or count over them must pass for every such child.
     */
    private MeasureResult schoolTerms(ClaimRules.Progress p, Context cx) {
        int n = p.over().terms();
        int attachedTerm = SchoolTerm.containing(cx.attachedOn()).index();
        int currentTerm = SchoolTerm.containing(cx.on()).index();
        List<ClaimRecord> atAttachment = attachmentRecords(p, cx);
        Set<String> people = new LinkedHashSet<>();
        atAttachment.forEach(r -> people.add(r.personId()));
        Map<String, TreeMap<Integer, List<EvidenceRecord>>> terms = new LinkedHashMap<>();
        for (MemberRecords m : cx.family()) {
            TreeMap<Integer, List<EvidenceRecord>> byTerm = new TreeMap<>(Comparator.reverseOrder());
            for (EvidenceRecord r : m.records()) {
                SchoolTerm t = school(r) ? SchoolTerm.of(facts(r.record())) : null;
                if (t != null && counts(r) && t.index() > attachedTerm && t.index() <= currentTerm) {
                    byTerm.computeIfAbsent(t.index(), k -> new ArrayList<>()).add(r);
                }
            }
            terms.put(m.personId(), byTerm);
        }
        if (people.isEmpty()) { // the records that showed the problem are gone: every child with returns since
            cx.family().stream().filter(m -> MemberCondition.isChild(m.dateOfBirth(), cx.on()) && !terms.get(m.personId()).isEmpty())
                    .forEach(m -> people.add(m.personId()));
        }
        people.retainAll(terms.keySet());
        if (people.isEmpty()) {
            return result(p, false, "no child with school returns after attachment on " + cx.attachedOn(), null, null, atAttachment);
        }
        boolean met = true;
        List<String> findings = new ArrayList<>();
        List<ClaimRecord> used = new ArrayList<>(atAttachment);
        LocalDate from = null;
        LocalDate to = null;
        for (String person : people) {
            List<Integer> latest = terms.get(person).entrySet().stream().filter(e -> e.getValue().stream().anyMatch(ClaimEvaluator::hasSessions))
                    .map(Map.Entry::getKey).limit(n).toList();
            if (latest.size() < n) {
                met = false;
                findings.add(person + ": " + latest.size() + " term(s) with a school return after attachment on "
                        + cx.attachedOn() + ", " + n + " consecutive needed");
                continue;
            }
            if (latest.get(0) - latest.get(n - 1) != n - 1) {
                met = false;
                findings.add(person + ": the latest " + n + " terms with a school return are not consecutive");
                continue;
            }
            List<EvidenceRecord> window = new ArrayList<>();
            latest.forEach(t -> window.addAll(terms.get(person).get(t)));
            String span = term(latest.get(n - 1)) + " to " + term(latest.get(0));
            MemberRecords member = cx.family().stream().filter(m -> m.personId().equals(person)).findFirst().orElseThrow();
            window.forEach(r -> used.add(claimRecord(member.personId(), r, "PROGRESS")));
            from = earliest(from, window.stream().map(r -> r.record().observedAt()).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null));
            to = cx.on();
            String figure = figure(p, window);
            if (figure == null) {
                met = false;
                findings.add(person + ": no sessions recorded over " + span);
            } else {
                boolean pass = figure.startsWith("+");
                met &= pass;
                findings.add(person + ": " + figure.substring(1) + " over " + span);
            }
        }
        return result(p, met, String.join("; ", findings), from, to, used);
    }

    /**
     * The measure over one child's records of the window, prefixed {@code +} when it passes the threshold and
     * {@code -} when not; null when there are no sessions to rate.
     */
    private String figure(ClaimRules.Progress p, List<EvidenceRecord> window) {
        Operator op = operator(p);
        if (p.measure().equals("exclusion-count")) {
            long count = window.stream().flatMap(r -> FactCondition.resolve(facts(r.record()), "exclusions").stream())
                    .filter(e -> p.exclusionType() == null || e instanceof Map<?, ?> m && p.exclusionType().equals(m.get("type")))
                    .count();
            boolean pass = op.accepts(BigDecimal.valueOf(count).compareTo(p.value()));
            return (pass ? "+" : "-") + count + " " + (p.exclusionType() == null ? "exclusion(s)"
                    : p.exclusionType().toLowerCase() + "(s)");
        }
        long possible = 0;
        long authorised = 0;
        long unauthorised = 0;
        for (EvidenceRecord r : window) {
            Map<String, Object> f = facts(r.record());
            if (f.get("sessionsPossible") instanceof Number ps && f.get("sessionsAuthorisedAbsence") instanceof Number au
                    && f.get("sessionsUnauthorisedAbsence") instanceof Number un) {
                possible += ps.longValue();
                authorised += au.longValue();
                unauthorised += un.longValue();
            }
        }
        if (possible == 0) {
            return null;
        }
        boolean attendance = p.measure().equals("attendance-rate");
        long numerator = attendance ? possible - authorised - unauthorised : unauthorised;
        // exact: numerator/possible against the threshold, as numerator against threshold × possible
        boolean pass = op.accepts(BigDecimal.valueOf(numerator).compareTo(p.value().multiply(BigDecimal.valueOf(possible))));
        String percent = BigDecimal.valueOf(numerator * 100).divide(BigDecimal.valueOf(possible), 2, RoundingMode.HALF_UP).toPlainString();
        return (pass ? "+" : "-") + (attendance ? "attendance " : "unauthorised absence ") + percent + "% (" + numerator
                + " of " + possible + " sessions)";
    }

    private static boolean school(EvidenceRecord r) {
        Set<DataCategory> c = r.record().categories();
        return c != null && (c.contains(DataCategory.EDUCATION_ATTENDANCE) || c.contains(DataCategory.EDUCATION_EXCLUSION));
    }

    private static boolean hasSessions(EvidenceRecord r) {
        return facts(r.record()).get("sessionsPossible") instanceof Number;
    }

    private static String term(int index) {
        return new SchoolTerm(index / 3, List.of("AUTUMN", "SPRING", "SUMMER").get(index % 3)).toString();
    }

    // ---- continuous employment ----------------------------------------------------------------------------------

    /**
     * An adult with an out-of-work record, then in-work records only: the first in-work record on or after attachment
     * and at least {@code over} before the evaluation date, one within the last {@code over}, and no out-of-work record
     * since the first. No record at all is not taken as work.
     */
    private MeasureResult continuousEmployment(ClaimRules.Progress p, Context cx) {
        LocalDate cut = cx.on().minus(p.over().period());
        List<String> reasons = new ArrayList<>();
        for (MemberRecords m : cx.family()) {
            List<Selected> out = select(p.outOfWork(), cx, m);
            List<Selected> in = select(p.inWork(), cx, m);
            if (out.isEmpty() || in.isEmpty()) {
                continue;
            }
            Selected lastOut = out.get(out.size() - 1);
            List<Selected> since = in.stream().filter(s -> s.observedAt().isAfter(lastOut.observedAt())).toList();
            if (since.isEmpty()) {
                reasons.add(m.personId() + ": out of work at the latest match, on " + lastOut.observedAt());
                continue;
            }
            Selected first = since.get(0);
            Selected last = since.get(since.size() - 1);
            if (first.observedAt().isBefore(cx.attachedOn())) {
                reasons.add(m.personId() + ": in work since before attachment on " + cx.attachedOn());
            } else if (first.observedAt().isAfter(cut)) {
                reasons.add(m.personId() + ": in work since " + first.observedAt() + ", less than " + p.over());
            } else if (!last.observedAt().isAfter(cut)) {
                reasons.add(m.personId() + ": no in-work record in the last " + p.over() + " (latest " + last.observedAt() + ")");
            } else {
                List<ClaimRecord> records = List.of(claimRecord(m.personId(), lastOut.record(), "ATTACHMENT"),
                        claimRecord(m.personId(), first.record(), "PROGRESS"), claimRecord(m.personId(), last.record(), "PROGRESS"));
                return result(p, true, "an adult out of work on " + lastOut.observedAt() + ", in work from " + first.observedAt()
                        + " to " + last.observedAt() + " with no out-of-work record since", first.observedAt(), cx.on(), records);
            }
        }
        String finding = reasons.isEmpty() ? "no adult with an out-of-work record followed by in-work records" : String.join("; ", reasons);
        return result(p, false, finding, null, null, List.of());
    }

    /** One member's counting records matching any rule, up to the evaluation date, oldest first. */
    private static List<Selected> select(List<RecordRule> selectors, Context cx, MemberRecords m) {
        return m.records().stream()
                .filter(r -> r.record().observedAt() != null && !r.record().observedAt().isAfter(cx.on()) && counts(r))
                .filter(r -> selectors.stream().anyMatch(s -> s.matches(r, m.dateOfBirth(), cx.on())))
                .map(r -> new Selected(m, r)).sorted(Comparator.comparing(Selected::observedAt)).toList();
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    /** The records that showed the measure's criterion at attachment (none for a measure without a criterion). */
    private List<ClaimRecord> attachmentRecords(ClaimRules.Progress p, Context cx) {
        if (p.criterion() == null) {
            return List.of();
        }
        List<ClaimRecord> out = new ArrayList<>();
        cx.atAttachment().criteria().stream().filter(c -> c.id().equals(p.criterion())).flatMap(c -> c.evidence().stream())
                .forEach(e -> {
                    EvidenceRecord r = cx.record(e.partner(), e.sourceRecordId());
                    out.add(new ClaimRecord(e.personId(), e.partner(), e.sourceRecordId(), e.category(), e.observedAt(),
                            e.basis(), "ATTACHMENT", r != null && ClaimDecision.shownInClaims(r.purposes())));
                });
        return out;
    }

    private static List<ClaimRecord> records(List<Selected> selected, String role) {
        return selected.stream().map(s -> claimRecord(s.member().personId(), s.record(), role)).toList();
    }

    private static ClaimRecord claimRecord(String personId, EvidenceRecord r, String role) {
        PartnerRecord p = r.record();
        String category = p.categories() == null ? null : p.categories().stream().map(DataCategory::id).sorted().findFirst().orElse(null);
        return new ClaimRecord(personId, p.partner(), p.sourceRecordId(), category, p.observedAt(), r.basis(), role,
                ClaimDecision.shownInClaims(r.purposes()));
    }

    private static MeasureResult result(ClaimRules.Progress p, boolean met, String finding, LocalDate from, LocalDate to,
                                        List<ClaimRecord> records) {
        Map<String, ClaimRecord> unique = new LinkedHashMap<>();
        records.forEach(r -> unique.putIfAbsent(r.role() + "|" + r.personId() + "|" + r.partner() + "|" + r.sourceRecordId(), r));
        return new MeasureResult(p.id(), p.criterion(), p.measure(), p.description(), met, finding, from, to,
                List.copyOf(unique.values()));
    }

    private boolean compare(ClaimRules.Progress p, BigDecimal actual) {
        return p.value() != null && operator(p).accepts(actual.compareTo(p.value()));
    }

    private static Operator operator(ClaimRules.Progress p) {
        return Operator.fromId(p.operator()).orElseThrow();
    }

    static boolean counts(EvidenceRecord r) {
        return r.purposes().stream().anyMatch(COUNTING::contains);
    }

    private static Map<String, Object> facts(PartnerRecord r) {
        return r.facts() == null ? Map.of() : r.facts();
    }

    private static String key(PartnerRecord r) {
        return r.partner() + "|" + r.sourceRecordId();
    }

    private static LocalDate latest(List<Selected> selected) {
        return selected.get(selected.size() - 1).observedAt();
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
