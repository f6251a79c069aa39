package org.familyhub.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.AuditTrail;
import org.familyhub.audit.SubjectHasher;
import org.familyhub.family.CriterionResult;
import org.familyhub.family.Evidence;
import org.familyhub.family.FamilyAssessor;
import org.familyhub.family.FamilyAssessor.Assembled;
import org.familyhub.family.FamilyQueries;
import org.familyhub.family.StoredRecords.Stored;
import org.familyhub.record.DataCategory;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.familyhub.security.Caller;
import org.familyhub.security.PurposePolicy;
import org.familyhub.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole-family view (DESIGN §8): every read states a purpose, is filtered by it and is audited with who read
 * what and why. A key worker reads the families allocated to them; any other only with a written justification
 * ({@code X-Justification}), which is audited as break-glass and flagged for IG review.
 */
@RestController
public class FamilyController {

    private final FamilyQueries families;
    private final FamilyAssessor assessor;
    private final AuditTrail audit;
    private final SubjectHasher hasher;

    public FamilyController(FamilyQueries families, FamilyAssessor assessor, AuditTrail audit, SubjectHasher hasher) {
        this.families = families;
        this.assessor = assessor;
        this.audit = audit;
        this.hasher = hasher;
    }

    @GetMapping("/api/families/{familyId}")
    @Transactional // the read and its audit event commit together
    public Map<String, Object> family(@PathVariable String familyId, Authentication auth,
                                      @RequestHeader(value = "X-Purpose", required = false) String purposeHeader,
                                      @RequestHeader(value = "X-Justification", required = false) String justification) {
        Caller caller = new Caller(auth);
        String purpose = PurposePolicy.require(caller, purposeHeader);
        String id = live(familyId);
        boolean breakGlass = requireAccess(caller, id, justification);
        Assembled a = assessor.assemble(id);
        Map<String, Object> view = view(a, purpose);
        view.put("purpose", purpose);
        view.put("breakGlass", breakGlass);
        audited(caller, purpose, a, "GET /api/families/{familyId}", breakGlass, justification);
        return view;
    }

    @GetMapping("/api/families/{familyId}/workers")
    @Transactional // the read and its audit event commit together
    public List<Map<String, Object>> workers(@PathVariable String familyId, Authentication auth,
                                             @RequestHeader(value = "X-Purpose", required = false) String purposeHeader,
                                             @RequestHeader(value = "X-Justification", required = false) String justification) {
        Caller caller = new Caller(auth);
        String purpose = PurposePolicy.require(caller, purposeHeader);
        String id = live(familyId);
        boolean breakGlass = requireAccess(caller, id, justification);
        Assembled a = assessor.assemble(id);
        Map<String, Stored> visible = visibleRecords(a, purpose);
        List<Map<String, Object>> out = new ArrayList<>();
        for (FamilyAssessor.Worker w : a.workers()) {
            Stored source = visible.get(w.partner() + "|" + w.sourceRecordId());
            if (source == null) {
                continue; // reported in a record this purpose may not see
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("personId", w.personId());
            o.put("partner", w.partner());
            o.put("service", w.service());
            o.put("role", w.role());
            o.put("professional", w.professional());
            o.put("phone", w.phone());
            o.put("email", w.email());
            o.put("since", w.since());
            o.put("sourceRecordId", w.sourceRecordId());
            // where the fact comes from: the record that names the worker, its basis and the purposes it is kept for
            o.put("basis", source.evidence().basis());
            o.put("purposes", source.purposes().stream().sorted().toList());
            out.add(o);
        }
        audited(caller, purpose, a, "GET /api/families/{familyId}/workers", breakGlass, justification);
        return out;
    }

    @GetMapping("/api/families")
    @Transactional // the read and its audit event commit together
    public Map<String, Object> list(@RequestParam(required = false) Boolean eligible,
                                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                                    Authentication auth, @RequestHeader(value = "X-Purpose", required = false) String purposeHeader) {
        Caller caller = new Caller(auth);
        String purpose = PurposePolicy.require(caller, purposeHeader);
        if (page < 0 || size < 1 || size > 1000) {
            throw ApiError.badRequest("page must be 0 or more and size between 1 and 1000");
        }
        // a key worker's list is their own caseload; the data team sees every family
        String keyWorker = caller.has(Role.DATA_TEAM) ? null : caller.name();
        FamilyQueries.Page p = families.page(eligible, keyWorker, page, size);
        audit.append(AuditEvent.read(caller.name(), PurposePolicy.role(caller), purpose, null, Map.of(
                "call", "GET /api/families", "eligible", String.valueOf(eligible), "page", page, "results", p.items().size())));
        return Map.of("items", p.items().stream().map(FamilyController::item).toList(), "total", p.total(),
                "page", page, "size", size);
    }

    @GetMapping("/api/families/search")
    @Transactional // the read and its audit event commit together
    public Map<String, Object> search(@RequestParam(required = false) String givenName,
                                      @RequestParam(required = false) String familyName,
                                      @RequestParam(required = false) LocalDate dateOfBirth,
                                      @RequestParam(required = false) String postcode,
                                      @RequestParam(required = false) String nhsNumber,
                                      @RequestParam(required = false) String nino,
                                      @RequestParam(required = false) String upn,
                                      Authentication auth,
                                      @RequestHeader(value = "X-Purpose", required = false) String purposeHeader,
                                      @RequestHeader(value = "X-Justification", required = false) String justification) {
        Caller caller = new Caller(auth);
        String purpose = PurposePolicy.require(caller, purposeHeader);
        FamilyQueries.Search s = new FamilyQueries.Search(blank(givenName), blank(familyName), dateOfBirth, blank(postcode),
                blank(nhsNumber), blank(nino), blank(upn));
        if (s.empty() || s.givenName() != null && s.familyName() == null && s.dateOfBirth() == null && s.postcode() == null) {
            throw ApiError.badRequest("search needs a family name, date of birth, postcode or identifier");
        }
        List<FamilyQueries.Item> found = families.items(families.search(s, purpose));
        boolean breakGlass = false;
        if (!caller.has(Role.DATA_TEAM)) {
            List<FamilyQueries.Item> mine = found.stream().filter(i -> caller.name().equals(i.keyWorker())).toList();
            if (mine.size() < found.size()) {
                if (justification == null || justification.isBlank()) {
                    found = mine; // others only through a justified search
                } else {
                    breakGlass = true;
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("call", "GET /api/families/search");
        details.put("results", found.size());
        details.put("families", found.stream().map(FamilyQueries.Item::familyId).toList());
        AuditEvent read = AuditEvent.builder(breakGlass ? AuditEventType.BREAK_GLASS : AuditEventType.READ)
                .actor(caller.name()).role(PurposePolicy.role(caller)).purpose(purpose)
                .subjectHashes(searchHashes(s)).flagged(breakGlass).reason(breakGlass ? justification : null)
                .details(details).build();
        audit.append(read);
        return Map.of("items", found.stream().map(FamilyController::item).toList(), "total", found.size(),
                "breakGlass", breakGlass);
    }

    public record AllocationRequest(String keyWorker) {
    }

    @PostMapping("/api/families/{familyId}/allocation")
    @Transactional
    public Map<String, Object> allocate(@PathVariable String familyId, @RequestBody AllocationRequest body, Authentication auth) {
        if (body == null || body.keyWorker() == null || body.keyWorker().isBlank()) {
            throw ApiError.badRequest("keyWorker is required");
        }
        String id = live(familyId);
        families.allocate(id, body.keyWorker().trim(), auth.getName());
        audit.append(AuditEvent.builder(AuditEventType.ALLOCATED).actor(auth.getName()).role(Role.DATA_TEAM.id())
                .reason("family " + id + " allocated to " + body.keyWorker().trim())
                .details(Map.of("familyId", id, "keyWorker", body.keyWorker().trim())).build());
        return Map.of("familyId", id, "keyWorker", body.keyWorker().trim());
    }

    public record ClosureRequest(LocalDate closedOn) {
    }

    /**
     * Closes the family's case (its allocation ends), on {@code closedOn} or today: the date sf-2022 claims count
     * six months from. A new allocation opens the case again. 409 when the family has no allocation.
     */
    @PostMapping("/api/families/{familyId}/closure")
    @Transactional
    public Map<String, Object> close(@PathVariable String familyId, @RequestBody(required = false) ClosureRequest body,
                                     Authentication auth) {
        LocalDate closedOn = body == null || body.closedOn() == null ? LocalDate.now() : body.closedOn();
        if (closedOn.isAfter(LocalDate.now())) {
            throw ApiError.badRequest("closedOn " + closedOn + " is in the future");
        }
        String id = live(familyId);
        if (!families.closeCase(id, closedOn, auth.getName())) {
            throw new ApiError(org.springframework.http.HttpStatus.CONFLICT, "family " + id + " has no allocation to close");
        }
        audit.append(AuditEvent.builder(AuditEventType.ALLOCATED).actor(auth.getName()).role(Role.DATA_TEAM.id())
                .decision("CLOSED").reason("case of family " + id + " closed on " + closedOn)
                .details(Map.of("familyId", id, "closedOn", closedOn.toString())).build());
        return Map.of("familyId", id, "closedOn", closedOn.toString());
    }

    private String live(String familyId) {
        return families.resolve(familyId).orElseThrow(() -> ApiError.notFound("no family " + familyId));
    }

    /** @return true when the read is break-glass (a key worker reading a family not allocated to them) */
    private boolean requireAccess(Caller caller, String familyId, String justification) {
        if (caller.has(Role.DATA_TEAM)) {
            return false;
        }
        if (caller.name().equals(families.keyWorkerOf(familyId).orElse(null))) {
            return false;
        }
        if (justification == null || justification.isBlank()) {
            throw new AccessDeniedException("family " + familyId + " is not allocated to " + caller.name()
                    + "; to read it, state why in the X-Justification header (audited and reviewed)");
        }
        return true;
    }

    private void audited(Caller caller, String purpose, Assembled a, String call, boolean breakGlass, String justification) {
        Set<String> hashes = new LinkedHashSet<>();
        for (FamilyAssessor.Member m : a.members()) {
            hashes.add(hasher.hash("person", m.personId()));
            for (Stored s : m.records()) {
                Subject subject = s.record().subject();
                hashes.addAll(hasher.hashes(subject));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("call", call);
        details.put("familyId", a.familyId());
        details.put("members", a.members().size());
        audit.append(AuditEvent.builder(breakGlass ? AuditEventType.BREAK_GLASS : AuditEventType.READ)
                .actor(caller.name()).role(PurposePolicy.role(caller)).purpose(purpose)
                .subjectHashes(List.copyOf(hashes)).flagged(breakGlass).reason(breakGlass ? justification : null)
                .details(details).build());
    }

    private List<String> searchHashes(FamilyQueries.Search s) {
        List<String> out = new ArrayList<>();
        if (s.nhsNumber() != null) {
            out.add(hasher.hash("nhs", s.nhsNumber()));
        }
        if (s.nino() != null) {
            out.add(hasher.hash("nino", s.nino()));
        }
        if (s.upn() != null) {
            out.add(hasher.hash("upn", s.upn()));
        }
        return out;
    }

    /** The records whose details the purpose may see (those kept for that purpose), by partner and source record id. */
    private static Map<String, Stored> visibleRecords(Assembled a, String purpose) {
        Map<String, Stored> out = new LinkedHashMap<>();
        a.members().forEach(m -> m.records().forEach(s -> {
            if (s.purposes().contains(purpose)) {
                out.putIfAbsent(key(s.record()), s);
            }
        }));
        return out;
    }

    private static Map<String, Object> view(Assembled a, String purpose) {
        Map<String, Stored> records = visibleRecords(a, purpose);
        Set<String> visible = records.keySet();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("familyId", a.familyId());
        v.put("eligible", a.assessment().eligible());
        v.put("framework", a.assessment().framework());
        v.put("reason", a.assessment().reason());
        v.put("assessedOn", a.assessment().evaluatedOn());
        List<Map<String, Object>> criteria = new ArrayList<>();
        for (CriterionResult c : a.assessment().criteria()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", c.id());
            o.put("title", c.title());
            o.put("met", c.met());
            List<Map<String, Object>> evidence = new ArrayList<>();
            for (Evidence e : c.evidence()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                if (visible.contains(e.partner() + "|" + e.sourceRecordId())) {
                    ev.put("personId", e.personId());
                    ev.put("partner", e.partner());
                    ev.put("sourceRecordId", e.sourceRecordId());
                    ev.put("category", e.category());
                    ev.put("observedAt", e.observedAt());
                    ev.put("basis", e.basis());
                    ev.put("purposes", records.get(e.partner() + "|" + e.sourceRecordId()).purposes().stream().sorted().toList());
                    if (e.finding() != null) {
                        ev.put("finding", e.finding());
                    }
                } else {
                    // counts towards the criterion; what it says is not for this purpose (DESIGN §4)
                    ev.put("withheld", true);
                    ev.put("basis", e.basis());
                    ev.put("reason", "kept for " + (e.identificationOnly() ? "identification only" : "other purposes")
                            + ", not for " + purpose);
                }
                evidence.add(ev);
            }
            o.put("evidence", evidence);
            criteria.add(o);
        }
        v.put("criteria", criteria);
        List<Map<String, Object>> members = new ArrayList<>();
        int withheld = 0;
        for (FamilyAssessor.Member m : a.members()) {
            List<Stored> shown = m.records().stream().filter(s -> visible.contains(key(s.record()))).toList();
            if (shown.isEmpty()) {
                withheld++;
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("personId", m.personId());
            o.put("givenName", mostCommon(shown, r -> r.subject().givenName()));
            o.put("familyName", mostCommon(shown, r -> r.subject().familyName()));
            o.put("dateOfBirth", mostCommon(shown, r -> r.subject().dateOfBirth()));
            o.put("membership", m.basis());
            List<Map<String, Object>> sources = new ArrayList<>();
            for (Stored s : shown) {
                Map<String, Object> src = new LinkedHashMap<>();
                src.put("partner", s.record().partner());
                src.put("sourceRecordId", s.record().sourceRecordId());
                src.put("category", s.record().categories().stream().map(DataCategory::id).sorted().findFirst().orElse(null));
                src.put("categories", s.record().categories().stream().map(DataCategory::id).sorted().toList());
                src.put("observedAt", s.record().observedAt());
                src.put("basis", s.evidence().basis());
                src.put("purposes", s.purposes().stream().sorted().toList());
                sources.add(src);
            }
            o.put("sources", sources);
            members.add(o);
        }
        v.put("members", members);
        v.put("membersWithheld", withheld);
        return v;
    }

    private static <T> T mostCommon(List<Stored> records, java.util.function.Function<PartnerRecord, T> field) {
        Map<T, Integer> votes = new LinkedHashMap<>();
        for (Stored s : records) {
            T value = field.apply(s.record());
            if (value != null) {
                votes.merge(value, 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).map(Map.Entry::getKey).orElse(null);
    }

    private static Map<String, Object> item(FamilyQueries.Item i) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("familyId", i.familyId());
        o.put("eligible", i.eligible());
        o.put("members", i.members());
        o.put("criteriaMet", i.criteriaMet());
        o.put("keyWorker", i.keyWorker());
        return o;
    }

    private static String key(PartnerRecord r) {
        return r.partner() + "|" + r.sourceRecordId();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
