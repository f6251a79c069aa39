package org.familyhub.outbound;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.familyhub.family.CriterionResult;
import org.familyhub.family.Evidence;
import org.familyhub.family.FamilyAssessor;
import org.familyhub.family.FamilyChangeListener;
import org.familyhub.family.StoredRecords.Stored;
import org.familyhub.record.Identifiers;
import org.familyhub.record.PartnerRecord;
import org.springframework.stereotype.Component;

/**
 * Tells the early-help case system about eligible families, in the transaction that changed them: newly eligible,
 * changed while eligible, or no longer eligible. The case system works for case coordination, so only what is kept
 * for that purpose goes out: a DWP match counts towards its criterion ("met") but its dates, its NINO and the person
 * it names (if no other partner does) stay in the hub.
 */
@Component
public class EarlyHelpNotifier implements FamilyChangeListener {

    static final String PURPOSE = "case-coordination";

    private final OutboundOutbox outbox;

    public EarlyHelpNotifier(OutboundOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void changed(FamilyAssessor.Assembled family, boolean wasEligible, String previousHash, String viewHash) {
        changedAll(List.of(new Change(family, wasEligible, previousHash, viewHash)));
    }

    /** The changes to queue go in one statement; a retraction (rare) reads what was last sent, one by one. */
    @Override
    public void changedAll(List<Change> changes) {
        List<FamilyChange> queued = new ArrayList<>();
        for (Change c : changes) {
            FamilyChange change = changeOf(c.family(), c.wasEligible(), c.previousHash(), c.viewHash());
            if (change != null) {
                queued.add(change);
            }
        }
        outbox.enqueueAll(queued);
    }

    /** What to queue for a family whose view changed; null when nothing is (a retraction is queued here). */
    private FamilyChange changeOf(FamilyAssessor.Assembled family, boolean wasEligible, String previousHash,
                                  String viewHash) {
        boolean eligible = family.assessment().eligible();
        FamilyChange.Reason reason;
        if (eligible && !wasEligible) {
            reason = FamilyChange.Reason.NEWLY_ELIGIBLE;
        } else if (eligible) {
            reason = FamilyChange.Reason.CHANGED;
        } else if (wasEligible) {
            reason = FamilyChange.Reason.NO_LONGER_ELIGIBLE;
        } else {
            return null; // never eligible: not the case system's business
        }
        String transition = previousHash + ">" + viewHash;
        FamilyChange change = of(family, reason, transition);
        if (change == null && reason == FamilyChange.Reason.NO_LONGER_ELIGIBLE) {
            // no member it may see is left (their records were purged): it still hears that the family is off its list
            retract(family.familyId(), family.assessment().framework(), transition);
        }
        return change;
    }

    @Override
    public void ended(String familyId, String into, boolean wasEligible, String previousHash) {
        if (wasEligible) { // a family that ends (dissolved, or absorbed into another) is no longer one to work with
            retract(familyId, null, previousHash + ">" + (into == null ? "dissolved" : "absorbed:" + into));
        }
    }

    /**
     * NO_LONGER_ELIGIBLE naming the members the case system was last told of (nothing it does not already have): the
     * family has none left that it may see, or has ended. Nothing is sent if it was never told of the family.
     */
    private void retract(String familyId, String framework, String transition) {
        outbox.lastChange(familyId).filter(last -> last.reason() != FamilyChange.Reason.NO_LONGER_ELIGIBLE)
                .ifPresent(last -> outbox.enqueue(new FamilyChange(familyId, FamilyChange.Reason.NO_LONGER_ELIGIBLE,
                        framework == null ? last.framework() : framework, false, last.members(), List.of(), List.of(),
                        familyId + ":" + transition)));
    }

    /** The change as the case system may see it; null when no member is visible for case coordination. */
    static FamilyChange of(FamilyAssessor.Assembled family, FamilyChange.Reason reason, String transition) {
        Set<String> visible = new TreeSet<>();
        List<FamilyChange.Member> members = new ArrayList<>();
        for (FamilyAssessor.Member m : family.members()) {
            List<Stored> shown = m.records().stream().filter(s -> s.purposes().contains(PURPOSE)).toList();
            shown.forEach(s -> visible.add(s.record().partner() + "|" + s.record().sourceRecordId()));
            if (shown.isEmpty()) {
                continue;
            }
            PartnerRecord first = shown.get(shown.size() - 1).record();
            Map<String, String> ids = new LinkedHashMap<>();
            for (Stored s : shown) {
                Identifiers i = s.record().subject().identifiers();
                if (i != null) {
                    ids.putIfAbsent("NHS", i.nhsNumber());
                    ids.putIfAbsent("UPN", i.upn());
                    ids.putIfAbsent("PNC", i.pncId());
                    ids.putIfAbsent("CRN", i.crn());
                }
                if (s.record().subject().address() != null) {
                    ids.putIfAbsent("UPRN", s.record().subject().address().uprn());
                }
            }
            ids.values().removeIf(v -> v == null || v.isBlank());
            members.add(new FamilyChange.Member(m.personId(), nz(first.subject().givenName()), nz(first.subject().familyName()),
                    first.subject().dateOfBirth(), ids));
        }
        if (members.isEmpty()) {
            return null;
        }
        List<FamilyChange.Criterion> criteria = new ArrayList<>();
        for (CriterionResult c : family.assessment().criteria()) {
            List<LocalDate> dates = new ArrayList<>();
            for (Evidence e : c.evidence()) {
                if (visible.contains(e.partner() + "|" + e.sourceRecordId()) && e.observedAt() != null) {
                    dates.add(e.observedAt());
                }
            }
            criteria.add(new FamilyChange.Criterion(c.id(), c.met(), dates.stream().distinct().sorted().toList()));
        }
        List<FamilyChange.Worker> workers = new ArrayList<>();
        for (FamilyAssessor.Worker w : family.workers()) {
            if (visible.contains(w.partner() + "|" + w.sourceRecordId()) && w.professional() != null) {
                workers.add(new FamilyChange.Worker(w.personId(), w.service() == null ? w.partner() : w.service(), w.role(),
                        w.professional(), w.phone(), w.email(), w.since()));
            }
        }
        return new FamilyChange(family.familyId(), reason, family.assessment().framework(), family.assessment().eligible(),
                members, criteria, workers, family.familyId() + ":" + transition);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
