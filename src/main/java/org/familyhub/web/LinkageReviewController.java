package org.familyhub.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.AuditTrail;
import org.familyhub.family.FamilyBuilder;
import org.familyhub.linkage.Decision;
import org.familyhub.linkage.Merge;
import org.familyhub.linkage.store.PersonLinker;
import org.familyhub.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clerical review queue (DESIGN §8): pairs the linker could not decide, with both records side by side, and the
 * data team's decision, which is remembered and honoured by every later batch. Linkage review is identification:
 * reads are audited for that purpose.
 */
@RestController
public class LinkageReviewController {

    private static final String PURPOSE = "identification";

    private final JdbcTemplate jdbc;
    private final PersonLinker linker;
    private final FamilyBuilder families;
    private final AuditTrail audit;

    public LinkageReviewController(JdbcTemplate jdbc, PersonLinker linker, FamilyBuilder families, AuditTrail audit) {
        this.jdbc = jdbc;
        this.linker = linker;
        this.families = families;
        this.audit = audit;
    }

    @GetMapping("/api/linkage/reviews")
    @Transactional // the read and its audit event commit together
    public List<Map<String, Object>> reviews(@RequestParam(defaultValue = "100") int limit, Authentication auth) {
        if (limit < 1 || limit > 1000) {
            throw ApiError.badRequest("limit must be between 1 and 1000");
        }
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select review_id, left_key, right_key, score, levels, created_at from linkage_review
                 where decision is null order by review_id limit ?""", limit);
        Set<String> keys = new java.util.HashSet<>();
        rows.forEach(r -> {
            keys.add((String) r.get("left_key"));
            keys.add((String) r.get("right_key"));
        });
        Map<String, Map<String, Object>> people = people(keys);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("reviewId", r.get("review_id"));
            o.put("score", r.get("score"));
            o.put("left", people.getOrDefault((String) r.get("left_key"), Map.of("recordKey", r.get("left_key"))));
            o.put("right", people.getOrDefault((String) r.get("right_key"), Map.of("recordKey", r.get("right_key"))));
            o.put("why", r.get("levels"));
            o.put("queuedAt", r.get("created_at"));
            out.add(o);
        }
        audit.append(AuditEvent.read(auth.getName(), Role.DATA_TEAM.id(), PURPOSE, null,
                Map.of("call", "GET /api/linkage/reviews", "results", out.size())));
        return out;
    }

    public record DecisionRequest(String decision) {
    }

    @PostMapping("/api/linkage/reviews/{reviewId}")
    @Transactional
    public Map<String, Object> decide(@PathVariable long reviewId, @RequestBody DecisionRequest body, Authentication auth) {
        Decision decision;
        try {
            decision = Decision.valueOf(body == null || body.decision() == null ? "" : body.decision().trim());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("decision must be MATCH or NO_MATCH");
        }
        Optional<Merge> merge;
        try {
            merge = linker.decide(reviewId, decision, auth.getName());
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiError(HttpStatus.CONFLICT, e.getMessage());
        }
        merge.ifPresent(m -> families.rebuild(Set.of(m.kept()), List.of(m)));
        Map<String, Object> details = new HashMap<>();
        details.put("reviewId", reviewId);
        merge.ifPresent(m -> {
            details.put("kept", m.kept());
            details.put("retired", m.retired());
        });
        audit.append(AuditEvent.builder(AuditEventType.LINKAGE_DECIDED).actor(auth.getName()).role(Role.DATA_TEAM.id())
                .purpose(PURPOSE).decision(decision.name()).reason("linkage review " + reviewId + ": " + decision)
                .details(details).build());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reviewId", reviewId);
        out.put("decision", decision.name());
        out.put("personId", merge.map(Merge::kept).orElse(null));
        return out;
    }

    private Map<String, Map<String, Object>> people(Set<String> keys) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        jdbc.query("""
                select l.record_key, l.person_id, r.partner, r.source_record_id, r.given_name, r.family_name,
                       r.date_of_birth, r.sex, r.address_line1, r.town, r.postcode
                  from person_link l join partner_record r on r.partner = l.partner
                   and r.source_record_id = l.source_record_id and r.is_current
                 where l.record_key = any(?)""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", keys.toArray())),
                rs -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("recordKey", rs.getString(1));
                    p.put("personId", rs.getString(2));
                    p.put("partner", rs.getString(3));
                    p.put("sourceRecordId", rs.getString(4));
                    p.put("givenName", rs.getString(5));
                    p.put("familyName", rs.getString(6));
                    p.put("dateOfBirth", rs.getObject(7, LocalDate.class));
                    p.put("sex", rs.getString(8));
                    p.put("addressLine1", rs.getString(9));
                    p.put("town", rs.getString(10));
                    p.put("postcode", rs.getString(11));
                    out.put(rs.getString(1), p);
                });
        return out;
    }
}
