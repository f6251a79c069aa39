package org.familyhub.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.AuditTrail;
import org.familyhub.audit.SubjectHasher;
import org.familyhub.connector.ConnectorCatalog;
import org.familyhub.record.Address;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Subject;
import org.familyhub.security.Role;
import org.familyhub.connector.format.UnreadableFeedException;
import org.familyhub.consent.AgreementPreview;
import org.familyhub.consent.AgreementStore;
import org.familyhub.consent.Consent;
import org.familyhub.consent.ConsentStore;
import org.familyhub.consent.Gateway;
import org.familyhub.consent.GatewayCatalog;
import org.familyhub.consent.Purposes;
import org.familyhub.consent.RecordPurger;
import org.familyhub.consent.SharingAgreement;
import org.familyhub.record.DataCategory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What IG officers manage: legal gateways (read), sharing agreements (maker-checker) and the consent register. */
@RestController
public class GovernanceController {

    private final GatewayCatalog gateways;
    private final AgreementStore agreements;
    private final ConsentStore consents;
    private final ConnectorCatalog connectors;
    private final RecordPurger purger;
    private final AgreementPreview preview;
    private final AuditTrail audit;
    private final SubjectHasher hasher;

    public GovernanceController(GatewayCatalog gateways, AgreementStore agreements, ConsentStore consents,
                                ConnectorCatalog connectors, RecordPurger purger, AgreementPreview preview,
                                AuditTrail audit, SubjectHasher hasher) {
        this.preview = preview;
        this.audit = audit;
        this.hasher = hasher;
        this.gateways = gateways;
        this.agreements = agreements;
        this.consents = consents;
        this.connectors = connectors;
        this.purger = purger;
    }

    @GetMapping("/api/gateways")
    public List<Gateway> gateways() {
        return gateways.all();
    }

    @GetMapping("/api/agreements")
    public List<Map<String, Object>> agreements() {
        return agreements.latest().stream().map(GovernanceController::agreement).toList();
    }

    @GetMapping("/api/agreements/{id}")
    public Map<String, Object> agreement(@PathVariable String id) {
        List<SharingAgreement> versions = agreements.versions(id);
        if (versions.isEmpty()) {
            throw ApiError.notFound("no agreement " + id);
        }
        Map<String, Object> m = agreement(versions.get(versions.size() - 1));
        m.put("versions", versions.stream().map(GovernanceController::agreement).toList());
        return m;
    }

    @PostMapping("/api/agreements")
    public ResponseEntity<Map<String, Object>> draft(@RequestBody AgreementStore.AgreementDraft draft, Authentication auth) {
        List<String> problems = validate(draft);
        if (!problems.isEmpty()) {
            throw ApiError.badRequest("the draft agreement is not valid: " + String.join("; ", problems));
        }
        SharingAgreement a = agreements.draft(draft, auth.getName());
        agreementChanged(auth, a.id(), a.version(), "DRAFT", a.partner());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("agreementId", a.id(), "version", a.version(), "status", a.status()));
    }

    @PostMapping("/api/agreements/{id}/approve")
    public Map<String, Object> approve(@PathVariable String id, Authentication auth) {
        SharingAgreement draft = agreements.latest(id).orElseThrow(() -> ApiError.notFound("no agreement " + id));
        if (!"DRAFT".equals(draft.status())) {
            throw new ApiError(HttpStatus.CONFLICT, "agreement " + id + " has no draft to approve (latest version is " + draft.status() + ")");
        }
        if (draft.author().equals(auth.getName())) {
            throw new ApiError(HttpStatus.FORBIDDEN, "maker-checker: " + auth.getName()
                    + " wrote this draft, so another IG officer must approve it");
        }
        SharingAgreement approved = agreements.approve(draft, auth.getName());
        agreementChanged(auth, approved.id(), approved.version(), "ACTIVE", approved.partner());
        return Map.of("agreementId", approved.id(), "version", approved.version(), "status", approved.status());
    }

    /** A sample batch in the partner's own format, judged under this agreement's latest version (usually the draft). */
    @PostMapping("/api/agreements/{id}/preview")
    public Map<String, Object> preview(@PathVariable String id, @RequestBody byte[] sample,
                                       @org.springframework.web.bind.annotation.RequestHeader(value = "X-Justification", required = false)
                                       String justification) {
        SharingAgreement latest = agreements.latest(id).orElseThrow(() -> ApiError.notFound("no agreement " + id));
        String format = connectors.find(latest.partner()).orElseThrow(() -> ApiError.notFound("no connector for " + latest.partner()))
                .format();
        try {
            return preview.preview(latest, format, sample, justification);
        } catch (UnreadableFeedException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    @PostMapping("/api/agreements/{id}/suspend")
    public Map<String, Object> suspend(@PathVariable String id, Authentication auth) {
        return endAgreement(id, "SUSPENDED", auth);
    }

    @PostMapping("/api/agreements/{id}/expire")
    public Map<String, Object> expire(@PathVariable String id, Authentication auth) {
        return endAgreement(id, "EXPIRED", auth);
    }

    private Map<String, Object> endAgreement(String id, String to, Authentication auth) {
        SharingAgreement current = agreements.latest(id).orElseThrow(() -> ApiError.notFound("no agreement " + id));
        if (agreements.changeStatus(id, "ACTIVE", to, auth.getName()) == 0) {
            throw new ApiError(HttpStatus.CONFLICT, "agreement " + id + " is not active");
        }
        agreementChanged(auth, id, current.version(), to, current.partner());
        // The records relying on it are removed by the scheduled purge (familyhub.purge.interval).
        return Map.of("agreementId", id, "status", to);
    }

    @PostMapping("/api/consents")
    public ResponseEntity<Map<String, Object>> recordConsent(@RequestBody ConsentRequest req, Authentication auth) {
        List<String> problems = new ArrayList<>();
        if (req.person() == null || blank(req.person().givenName()) || blank(req.person().familyName())
                || req.person().dateOfBirth() == null) {
            problems.add("person needs givenName, familyName and dateOfBirth");
        }
        if (req.partners() == null || req.partners().isEmpty()) {
            problems.add("partners must name at least one partner (or \"*\")");
        } else {
            req.partners().stream().filter(p -> !"*".equals(p) && connectors.find(p).isEmpty())
                    .forEach(p -> problems.add("unknown partner '" + p + "'"));
        }
        checkCategories(req.categories(), problems);
        checkPurposes(req.purposes(), problems);
        if (req.givenBy() == null || !Set.of("SELF", "PARENT", "GUARDIAN").contains(req.givenBy())) {
            problems.add("givenBy must be SELF, PARENT or GUARDIAN");
        }
        if (req.givenOn() == null) {
            problems.add("givenOn is required");
        } else if (req.expiresOn() != null && req.expiresOn().isBefore(req.givenOn())) {
            problems.add("expiresOn is before givenOn");
        }
        if (blank(req.evidence())) {
            problems.add("evidence (e.g. the reference of the signed form) is required");
        }
        if (!problems.isEmpty()) {
            throw ApiError.badRequest("the consent is not valid: " + String.join("; ", problems));
        }
        UUID id = consents.record(new Consent(null, req.person(), Set.copyOf(req.partners()), Set.copyOf(req.categories()),
                Set.copyOf(req.purposes()), req.givenBy(), req.givenOn(), req.expiresOn(), req.evidence(), null), auth.getName());
        consentChanged(auth, id, "RECORDED", req.person());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("consentId", id));
    }

    @GetMapping("/api/consents")
    public List<Consent> searchConsents(@RequestParam(required = false) String familyName,
                                        @RequestParam(required = false) String nhsNumber,
                                        @RequestParam(required = false) String nino,
                                        @RequestParam(required = false) String upn,
                                        @RequestParam(required = false) LocalDate dateOfBirth) {
        return consents.search(familyName, nhsNumber, nino, upn, dateOfBirth, 500);
    }

    @PostMapping("/api/consents/{id}/withdraw")
    public Map<String, Object> withdraw(@PathVariable UUID id, Authentication auth) {
        Consent consent = consents.find(id).orElseThrow(() -> ApiError.notFound("no consent " + id));
        if (!consents.withdraw(id, auth.getName())) {
            throw new ApiError(HttpStatus.CONFLICT, "consent " + id + " is already withdrawn");
        }
        consentChanged(auth, id, "WITHDRAWN", consent.person());
        List<String> purged = purger.purgeConsent(id, auth.getName());
        return Map.of("consentId", id, "status", "WITHDRAWN", "recordsRemoved", purged.size());
    }

    private void agreementChanged(Authentication auth, String id, int version, String status, String partner) {
        audit.append(AuditEvent.builder(AuditEventType.AGREEMENT_CHANGED).actor(auth.getName()).role(Role.IG_OFFICER.id())
                .partner(partner).decision(status).reason("agreement " + id + " v" + version + " is now " + status)
                .details(Map.of("agreementId", id, "version", version)).build());
    }

    private void consentChanged(Authentication auth, UUID id, String change, Consent.ConsentPerson p) {
        Subject subject = new Subject(p.givenName(), p.familyName(), p.dateOfBirth(), null,
                new Address(null, null, null, p.postcode(), null), new Identifiers(p.nhsNumber(), p.upn(), p.nino(), null, null, null));
        audit.append(AuditEvent.builder(AuditEventType.CONSENT_CHANGED).actor(auth.getName()).role(Role.IG_OFFICER.id())
                .subjectHashes(hasher.hashes(subject)).decision(change).reason("consent " + id + " " + change.toLowerCase())
                .details(Map.of("consentId", id.toString())).build());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentRequest(Consent.ConsentPerson person, List<String> partners, List<String> categories,
                                 List<String> purposes, String givenBy, LocalDate givenOn, LocalDate expiresOn,
                                 String evidence) {
    }

    private List<String> validate(AgreementStore.AgreementDraft d) {
        List<String> problems = new ArrayList<>();
        if (d.partner() == null || connectors.find(d.partner()).isEmpty()) {
            problems.add("partner must be a connected partner, got '" + d.partner() + "'");
        }
        checkCategories(d.categories(), problems);
        checkPurposes(d.purposes(), problems);
        if (d.gateways() == null || d.gateways().isEmpty()) {
            problems.add("gateways must name at least one legal gateway");
        } else {
            for (String g : d.gateways()) {
                Gateway gateway = gateways.find(g).orElse(null);
                if (gateway == null) {
                    problems.add("unknown gateway '" + g + "'");
                } else if (d.partner() != null && !gateway.allows(d.partner())) {
                    problems.add("gateway " + g + " cannot be relied on by " + d.partner());
                }
            }
        }
        if (d.fields() == null || d.fields().isEmpty()) {
            problems.add("fields must list what may be kept (data minimisation)");
        }
        if (d.retentionDays() == null || d.retentionDays() < 0) {
            problems.add("retentionDays must be zero or more");
        }
        if (d.validFrom() == null) {
            problems.add("validFrom is required");
        } else if (d.validTo() != null && d.validTo().isBefore(d.validFrom())) {
            problems.add("validTo is before validFrom");
        }
        if (d.agreementId() != null && !d.agreementId().matches("[a-z0-9][a-z0-9-]{2,62}")) {
            problems.add("agreementId must be lower-case letters, digits and dashes");
        }
        return problems;
    }

    private static void checkCategories(List<String> categories, List<String> problems) {
        if (categories == null || categories.isEmpty()) {
            problems.add("categories must name at least one data category");
            return;
        }
        categories.stream().filter(c -> DataCategory.fromId(c).isEmpty())
                .forEach(c -> problems.add("unknown data category '" + c + "'"));
    }

    private static void checkPurposes(List<String> purposes, List<String> problems) {
        if (purposes == null || purposes.isEmpty()) {
            problems.add("purposes must name at least one purpose of " + Purposes.ALL);
            return;
        }
        purposes.stream().filter(p -> !Purposes.ALL.contains(p))
                .forEach(p -> problems.add("unknown purpose '" + p + "' (one of " + Purposes.ALL + ")"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static Map<String, Object> agreement(SharingAgreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agreementId", a.id());
        m.put("version", a.version());
        m.put("partner", a.partner());
        m.put("status", a.status());
        m.put("categories", a.categories());
        m.put("purposes", a.purposes());
        m.put("gateways", a.gateways());
        m.put("fields", a.fields());
        m.put("retentionDays", a.retentionDays());
        m.put("validFrom", a.validFrom());
        m.put("validTo", a.validTo());
        m.put("specialCategoryCondition", a.specialCategoryCondition());
        m.put("criminalOffenceCondition", a.criminalOffenceCondition());
        m.put("author", a.author());
        m.put("approver", a.approver());
        return m;
    }
}
