package org.familyhub.consent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;

/**
 * The consent and legal-gateway rules of DESIGN §4, as plain Java: deny by default, a stable rule code and a reason
 * in words for every answer. For each of a record's categories an agreement must be active on the record's date,
 * one of its gateways must be satisfied (the partner may rely on it; consent recorded if it needs consent; a written
 * justification if it needs one), a purpose must remain, and special category / criminal offence data need their
 * Art. 9 / Art. 10 condition. Fields the agreement does not list are dropped.
 */
public final class ConsentEngine {

    private final GatewayCatalog gateways;

    public ConsentEngine(GatewayCatalog gateways) {
        this.gateways = gateways;
    }

    /** The decision, and the record as it may be kept (redacted), or null when refused. */
    public record Decided(Decision decision, PartnerRecord record) {
    }

    public Decided decide(PartnerRecord r, List<SharingAgreement> agreements, ConsentIndex consents, String justification) {
        if (r.categories().isEmpty()) {
            return refused("NO_CATEGORY", "the record has no data category");
        }
        Plan plan = plan(agreements);
        LocalDate date = r.observedAt();
        Set<String> purposes = null;
        Set<String> agreementIds = new LinkedHashSet<>();
        Set<String> gatewaysUsed = new LinkedHashSet<>();
        Set<UUID> consentIds = new LinkedHashSet<>();
        Fields fields = null;
        boolean flagged = false;
        for (DataCategory category : r.categories()) {
            Basis basis = basisFor(r, category, date, plan, consents, justification);
            if (basis.refusal != null) {
                return new Decided(basis.refusal, null);
            }
            purposes = purposes == null ? new LinkedHashSet<>(basis.purposes) : intersect(purposes, basis.purposes);
            agreementIds.add(basis.agreement.id());
            gatewaysUsed.add(basis.gateway.id());
            consentIds.addAll(basis.consents);
            Fields allowed = plan.fields(basis.agreement);
            fields = fields == null ? allowed : plan.intersection(fields, allowed);
            flagged |= basis.gateway.requiresJustification();
        }
        if (purposes.isEmpty()) {
            return refused("NO_PURPOSE", "the agreements for this record's categories share no purpose");
        }
        Redaction redaction = redact(r, fields);
        boolean redacted = !redaction.dropped.isEmpty();
        String rule = flagged ? "SAFEGUARDING_REVIEW" : redacted ? "PERMITTED_REDACTED" : "PERMITTED";
        String reason = "permitted under " + String.join(", ", agreementIds) + " (" + String.join(", ", gatewaysUsed)
                + ") for " + String.join(", ", purposes)
                + (flagged ? "; safeguarding without consent, flagged for IG review: " + justification.trim() : "")
                + (redacted ? "; fields outside the agreement dropped: " + String.join(", ", redaction.dropped) : "");
        Decision d = new Decision(redacted ? Decision.Outcome.PERMIT_REDACTED : Decision.Outcome.PERMIT, rule, reason,
                purposes, List.copyOf(agreementIds), List.copyOf(gatewaysUsed), List.copyOf(consentIds),
                redaction.dropped, flagged);
        return new Decided(d, redaction.record);
    }

    private record Basis(SharingAgreement agreement, Gateway gateway, Set<String> purposes, List<UUID> consents,
                         Decision refusal) {
        static Basis refuse(String rule, String reason) {
            return new Basis(null, null, null, null, Decision.refuse(rule, reason));
        }
    }

    private Basis basisFor(PartnerRecord r, DataCategory category, LocalDate date, Plan plan,
                           ConsentIndex consents, String justification) {
        List<SharingAgreement> covering = plan.covering(r.partner(), category);
        List<SharingAgreement> active = new ArrayList<>(covering.size());
        for (SharingAgreement a : covering) {
            if (a.activeOn(date)) {
                active.add(a);
            }
        }
        if (active.isEmpty()) {
            return Basis.refuse("NO_ACTIVE_AGREEMENT", whyNoAgreement(r.partner(), category, date, covering));
        }
        // Gateways are tried in the agreement's order; when none is satisfied the first failure's rule is given,
        // with every gateway's reason, so an IG officer sees all that was missing.
        Basis first = null;
        List<String> reasons = new ArrayList<>();
        for (SharingAgreement a : active) {
            for (String gatewayId : a.gateways()) {
                Basis b = tryGateway(r, category, date, a, gatewayId, plan, consents, justification);
                if (b.refusal == null) {
                    return b;
                }
                first = first == null ? b : first;
                reasons.add(b.refusal.reason());
            }
        }
        if (first == null) {
            return Basis.refuse("NO_GATEWAY", "agreement " + active.get(0).id() + " names no legal gateway");
        }
        return reasons.size() == 1 ? first : Basis.refuse(first.refusal.rule(), String.join("; and ", reasons));
    }

    private Basis tryGateway(PartnerRecord r, DataCategory category, LocalDate date, SharingAgreement a, String gatewayId,
                             Plan plan, ConsentIndex consents, String justification) {
        Gateway g = gateways.find(gatewayId).orElse(null);
        if (g == null) {
            return Basis.refuse("UNKNOWN_GATEWAY", "agreement " + a.id() + " names an unknown gateway '" + gatewayId + "'");
        }
        if (!g.allows(r.partner())) {
            return Basis.refuse("GATEWAY_NOT_FOR_PARTNER", "gateway " + g.id() + " cannot be relied on by " + r.partner());
        }
        Set<String> purposes = plan.purposes(a, g);
        List<UUID> used = new ArrayList<>();
        if (g.requiresConsent()) {
            Set<String> consented = new LinkedHashSet<>();
            for (Consent c : consents.matching(r.subject())) {
                if (c.activeOn(date) && c.covers(r.partner(), category.id()) && !intersect(purposes, c.purposes()).isEmpty()) {
                    used.add(c.id());
                    consented.addAll(c.purposes());
                }
            }
            if (used.isEmpty()) {
                return Basis.refuse("NO_CONSENT", "no recorded consent covers this person for " + r.partner() + " / "
                        + category.id() + " on " + date + " (gateway " + g.id() + ")");
            }
            purposes = intersect(purposes, consented);
        }
        if (g.requiresJustification() && (justification == null || justification.isBlank())) {
            return Basis.refuse("NO_JUSTIFICATION", "gateway " + g.id() + " needs a written justification for each use, and none was given");
        }
        if (purposes.isEmpty()) {
            return Basis.refuse("NO_PURPOSE", "agreement " + a.id() + " and gateway " + g.id() + " share no purpose");
        }
        if (category.sensitivity() == DataCategory.Sensitivity.SPECIAL_CATEGORY && !g.art9() && a.specialCategoryCondition() == null) {
            return Basis.refuse("NO_ART9_CONDITION", category.id() + " is special category data (UK GDPR Art. 9): gateway "
                    + g.id() + " supplies no Art. 9 condition and agreement " + a.id() + " names none");
        }
        if (category.sensitivity() == DataCategory.Sensitivity.CRIMINAL_OFFENCE && !g.art10() && a.criminalOffenceCondition() == null) {
            return Basis.refuse("NO_ART10_CONDITION", category.id() + " is criminal offence data (UK GDPR Art. 10): gateway "
                    + g.id() + " supplies no Art. 10 condition and agreement " + a.id() + " names none");
        }
        return new Basis(a, g, purposes, used, null);
    }

    private static String whyNoAgreement(String partner, DataCategory category, LocalDate date, List<SharingAgreement> covering) {
        for (SharingAgreement a : covering) {
            if (a.validTo() != null && date.isAfter(a.validTo())) {
                return "agreement " + a.id() + " for " + partner + " / " + category.id() + " expired on " + a.validTo()
                        + ", before the record's date " + date;
            }
            if (a.validFrom() != null && date.isBefore(a.validFrom())) {
                return "agreement " + a.id() + " for " + partner + " / " + category.id() + " starts on " + a.validFrom()
                        + ", after the record's date " + date;
            }
            if (!"ACTIVE".equals(a.status())) {
                return "agreement " + a.id() + " for " + partner + " / " + category.id() + " is " + a.status().toLowerCase();
            }
        }
        return "no sharing agreement covers " + partner + " / " + category.id();
    }

    private static Decided refused(String rule, String reason) {
        return new Decided(Decision.refuse(rule, reason), null);
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> r = new LinkedHashSet<>(a);
        r.retainAll(b);
        return r;
    }

    /** Field lists where "*" means every field and "facts" covers "facts.x". */
    private static Set<String> intersectFields(Set<String> a, Set<String> b) {
        if (a.contains("*")) {
            return b;
        }
        if (b.contains("*")) {
            return a;
        }
        Set<String> r = new LinkedHashSet<>();
        for (String f : a) {
            if (allows(b, f)) {
                r.add(f);
            }
        }
        for (String f : b) {
            if (allows(a, f)) {
                r.add(f);
            }
        }
        return r;
    }

    private record Redaction(PartnerRecord record, List<String> dropped) {
    }

    /** Keeps only the fields an agreement lists (data minimisation); the source key, dates and categories always stay. */
    static Redaction redact(PartnerRecord r, Fields allowed) {
        if (allowed.all) {
            return new Redaction(r, List.of());
        }
        List<String> dropped = new ArrayList<>();
        Subject s = r.subject();
        Address a = s.address() == null ? Address.EMPTY : s.address();
        Identifiers i = s.identifiers() == null ? Identifiers.NONE : s.identifiers();
        boolean[] keep = allowed.subjectFields;
        int f = 0;
        Address keptAddress = new Address(keep(keep[f++], "address.line1", a.line1(), dropped),
                keep(keep[f++], "address.line2", a.line2(), dropped), keep(keep[f++], "address.town", a.town(), dropped),
                keep(keep[f++], "address.postcode", a.postcode(), dropped), keep(keep[f++], "address.uprn", a.uprn(), dropped));
        Identifiers keptIds = new Identifiers(keep(keep[f++], "nhsNumber", i.nhsNumber(), dropped),
                keep(keep[f++], "upn", i.upn(), dropped), keep(keep[f++], "nino", i.nino(), dropped),
                keep(keep[f++], "pncId", i.pncId(), dropped), keep(keep[f++], "crn", i.crn(), dropped),
                keep(keep[f++], "tenancyRef", i.tenancyRef(), dropped));
        Subject keptSubject = new Subject(keep(keep[f++], "givenName", s.givenName(), dropped),
                keep(keep[f++], "familyName", s.familyName(), dropped), keep(keep[f++], "dateOfBirth", s.dateOfBirth(), dropped),
                keep(keep[f++], "sex", s.sex(), dropped), keptAddress, keptIds);
        Map<String, Object> facts = new LinkedHashMap<>(r.facts() == null ? 16 : Math.max(16, r.facts().size() * 2));
        if (r.facts() != null) {
            r.facts().forEach((k, v) -> {
                String droppedAs = allowed.factDroppedAs(k);
                if (droppedAs == null) {
                    facts.put(k, v);
                } else if (v != null) {
                    dropped.add(droppedAs);
                }
            });
        }
        var involvement = r.involvement();
        if (involvement != null && !keep[f]) {
            dropped.add("involvement");
            involvement = null;
        }
        PartnerRecord kept = new PartnerRecord(r.partner(), r.dataset(), r.sourceRecordId(), r.observedAt(), keptSubject,
                r.categories(), facts, involvement);
        return new Redaction(kept, List.copyOf(dropped));
    }

    private static <T> T keep(boolean allowed, String field, T value, List<String> dropped) {
        if (allowed) {
            return value;
        }
        if (value != null) {
            dropped.add(field);
        }
        return null;
    }

    /** The subject fields in the order {@link #redact} reads them, then "involvement". */
    private static final List<String> SUBJECT_FIELDS = List.of("address.line1", "address.line2", "address.town",
            "address.postcode", "address.uprn", "nhsNumber", "upn", "nino", "pncId", "crn", "tenancyRef", "givenName",
            "familyName", "dateOfBirth", "sex", "involvement");

    /**
     * A set of allowed field names worked out once: which subject fields it keeps, and (as facts keys are met)
     * whether it keeps each fact. Belongs to one {@link Plan}, so to one thread.
     */
    static final class Fields {
        final Set<String> allowed;
        final boolean all;
        final boolean[] subjectFields = new boolean[SUBJECT_FIELDS.size()];
        /** Fact key → "facts.key" when it is dropped, "" when it is kept. */
        private final Map<String, String> facts = new HashMap<>();

        Fields(Set<String> allowed) {
            this.allowed = allowed;
            this.all = allowed.contains("*");
            for (int i = 0; i < subjectFields.length; i++) {
                subjectFields[i] = allows(allowed, SUBJECT_FIELDS.get(i));
            }
        }

        /** Null when the fact is kept, otherwise the name it is reported as dropped under. */
        String factDroppedAs(String key) {
            String name = facts.get(key);
            if (name == null) {
                String field = "facts." + key;
                name = allows(allowed, field) ? "" : field;
                facts.put(key, name);
            }
            return name.isEmpty() ? null : name;
        }
    }

    /** The engine's per-thread memory of the last list of agreements it was given (one batch's, as a rule). */
    private final ThreadLocal<Plan> lastPlan = new ThreadLocal<>();

    private Plan plan(List<SharingAgreement> agreements) {
        Plan plan = lastPlan.get();
        if (plan == null || !plan.isFor(agreements)) {
            plan = new Plan(agreements);
            lastPlan.set(plan);
        }
        return plan;
    }

    /**
     * What follows from a list of agreements alone, worked out once per list rather than once per record: the
     * agreements covering each partner and category (sorted by id), each agreement's allowed fields and their
     * intersections, and the purposes of each agreement and gateway. Agreements are immutable records; the plan
     * is reused only for the same list holding the same agreements.
     */
    private static final class Plan {
        private final List<SharingAgreement> list;
        private final SharingAgreement[] agreements;
        private final Map<String, Map<DataCategory, List<SharingAgreement>>> covering = new HashMap<>();
        private final Map<SharingAgreement, Fields> fields = new IdentityHashMap<>();
        private final Map<Fields, Map<Fields, Fields>> intersections = new IdentityHashMap<>();
        private final Map<SharingAgreement, Map<String, Set<String>>> purposes = new IdentityHashMap<>();

        Plan(List<SharingAgreement> list) {
            this.list = list;
            this.agreements = list.toArray(new SharingAgreement[0]);
        }

        boolean isFor(List<SharingAgreement> other) {
            if (other != list || other.size() != agreements.length) {
                return false;
            }
            for (int i = 0; i < agreements.length; i++) {
                if (other.get(i) != agreements[i]) {
                    return false;
                }
            }
            return true;
        }

        List<SharingAgreement> covering(String partner, DataCategory category) {
            return covering.computeIfAbsent(partner, p -> new EnumMap<>(DataCategory.class)).computeIfAbsent(category,
                    c -> Arrays.stream(agreements)
                            .filter(a -> a.partner().equals(partner) && a.categories().contains(c.id()))
                            .sorted(Comparator.comparing(SharingAgreement::id)).toList());
        }

        Fields fields(SharingAgreement a) {
            return fields.computeIfAbsent(a, x -> new Fields(new LinkedHashSet<>(x.fields() == null ? List.of("*") : x.fields())));
        }

        Fields intersection(Fields a, Fields b) {
            return intersections.computeIfAbsent(a, x -> new IdentityHashMap<>())
                    .computeIfAbsent(b, x -> new Fields(intersectFields(a.allowed, b.allowed)));
        }

        /** The purposes both the agreement and the gateway allow; never to be changed by the caller. */
        Set<String> purposes(SharingAgreement a, Gateway g) {
            return purposes.computeIfAbsent(a, x -> new HashMap<>())
                    .computeIfAbsent(g.id(), x -> Collections.unmodifiableSet(intersect(a.purposes(), g.purposes())));
        }
    }

    /** "address" allows "address.town"; "facts" allows "facts.benefit". */
    private static boolean allows(Set<String> allowed, String field) {
        if (allowed.contains("*") || allowed.contains(field)) {
            return true;
        }
        int dot = field.indexOf('.');
        return dot > 0 && allowed.contains(field.substring(0, dot));
    }
}
