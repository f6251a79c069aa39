package org.familyhub.claims;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.AuditTrail;
import org.familyhub.audit.SubjectHasher;
import org.familyhub.family.ClaimDecision;
import org.familyhub.family.ClaimEvaluator;
import org.familyhub.family.ClaimRules;
import org.familyhub.family.FamilyAssessor;
import org.familyhub.family.FamilyQueries;
import org.familyhub.family.OutcomeFramework;
import org.familyhub.outbound.OutboundAuditEvents;
import org.familyhub.outbound.OutboundOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the claims: on a schedule ({@code familyhub.claims.schedule}, a cron, daily by default), every family attached
 * under the framework in force and not yet claimed for all it may be is evaluated by {@link ClaimEvaluator}; each
 * claimable outcome becomes a claim, with its evidence pack, in the window of the day. Idempotent: the claim's row is
 * unique per family, framework and outcome, so a second run, or a second replica, adds nothing. Replicas take turns:
 * each transaction first takes a PostgreSQL advisory lock, and a replica that cannot have it leaves the run to the one
 * that has.
 */
@Component
public class ClaimJob {

    private static final Logger log = LoggerFactory.getLogger(ClaimJob.class);
    /** The advisory lock of claim making (any constant no other part of the hub uses). */
    static final long LOCK = 0x636c61696d73L; // "claims"

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FamilyAssessor assessor;
    private final FamilyQueries families;
    private final ClaimStore store;
    private final ClaimsDispatch dispatch;
    private final AuditTrail audit;
    private final SubjectHasher hasher;
    private final Clock clock;
    private final OutcomeFramework framework;
    private final ClaimEvaluator evaluator;
    private final ClaimWindow window;
    private final int chunk;

    public ClaimJob(JdbcTemplate jdbc, TransactionTemplate tx, FamilyAssessor assessor, FamilyQueries families,
                    ClaimStore store, ClaimsDispatch dispatch, AuditTrail audit, SubjectHasher hasher, Clock clock,
                    @Value("${familyhub.claims.window-months:3}") int windowMonths,
                    @Value("${familyhub.claims.chunk:100}") int chunk) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.assessor = assessor;
        this.families = families;
        this.store = store;
        this.dispatch = dispatch;
        this.audit = audit;
        this.hasher = hasher;
        this.clock = clock;
        this.framework = assessor.framework();
        this.evaluator = new ClaimEvaluator(framework);
        this.window = new ClaimWindow(windowMonths);
        this.chunk = chunk;
    }

    /** What a run did. {@code busy}: another replica held the lock, so this one left (part of) the run to it. */
    public record Run(int evaluated, int created, int dispatched, boolean busy) {
    }

    @Scheduled(cron = "${familyhub.claims.schedule:0 30 2 * * *}")
    public void scheduled() {
        Run r;
        try {
            r = run(LocalDate.now(clock));
        } catch (RuntimeException e) { // the database or the CSV folder: what was made is kept, the rest waits a day
            log.warn("Claims run stopped: {}", e.toString());
            return;
        }
        log.info("Claims run: {} families evaluated, {} claims made, {} sent on{}", r.evaluated(), r.created(),
                r.dispatched(), r.busy() ? " (another replica was running)" : "");
    }

    public ClaimWindow window() {
        return window;
    }

    /** Evaluates the candidate families as on {@code on} and makes their claims (tests call this directly). */
    public Run run(LocalDate on) {
        ClaimRules rules = framework.claims();
        int most = rules.oneResultPerFamily() ? 1 : rules.routes().size();
        List<Candidate> candidates = jdbc.query("""
                select f.family_id, f.attached_on, f.attached_criteria from family f
                 where f.dissolved_at is null and f.attached_on is not null and f.attached_framework = ?
                   and f.attached_on <= ?
                   and (select count(*) from claim c where c.family_id = f.family_id and c.framework = ?) < ?
                 order by f.family_id""",
                (rs, i) -> new Candidate(rs.getString(1), rs.getObject(2, LocalDate.class), strings(rs.getArray(3))),
                framework.id(), on, framework.id(), most);
        int evaluated = 0;
        int created = 0;
        for (int from = 0; from < candidates.size(); from += chunk) {
            List<Candidate> part = candidates.subList(from, Math.min(candidates.size(), from + chunk));
            Integer made = tx.execute(s -> locked() ? part.stream().mapToInt(c -> claimsOrNone(c, on)).sum() : null);
            if (made == null) {
                return new Run(evaluated, created, 0, true);
            }
            evaluated += part.size();
            created += made;
        }
        Integer dispatched = tx.execute(s -> locked() ? dispatch.flush() : null);
        return new Run(evaluated, created, dispatched == null ? 0 : dispatched, dispatched == null);
    }

    private boolean locked() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK));
    }

    private record Candidate(String familyId, LocalDate attachedOn, List<String> criteria) {
    }

    /**
     * A family whose records the evaluator cannot read is logged and left for the next run, not allowed to stop the
     * others; a database error ends the chunk's transaction, so it stops the run (the next one starts over).
     */
    private int claimsOrNone(Candidate c, LocalDate on) {
        try {
            return claims(c, on);
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Family {} not evaluated for claims: {}", c.familyId(), e.toString());
            return 0;
        }
    }

    /** One family: its claimable outcomes not claimed yet become claims. Returns how many. */
    private int claims(Candidate c, LocalDate on) {
        FamilyAssessor.Assembled family = assessor.assemble(c.familyId());
        ClaimDecision decision = evaluator.evaluate(FamilyAssessor.memberRecords(family),
                new ClaimEvaluator.Attachment(c.attachedOn(), c.criteria()), families.caseClosedOn(c.familyId()).orElse(null), on);
        Set<String> claimed = store.outcomes(c.familyId(), framework.id());
        int made = 0;
        for (ClaimDecision.RouteResult route : decision.claimable()) {
            if (framework.claims().oneResultPerFamily() && !claimed.isEmpty()) {
                break;
            }
            if (claimed.contains(route.route())) {
                continue;
            }
            Claim claim = new Claim(Claim.id(c.familyId(), framework.id(), route.route()), c.familyId(), framework.id(),
                    route.route(), window.label(on), on, c.attachedOn(), route.evidencePack(), null, "PENDING", null);
            if (store.insert(claim)) {
                made++;
                claimed.add(route.route());
                audited(claim, family, route.reason());
                dispatch.created(claim);
            }
        }
        return made;
    }

    /** The family's data used for a claim: audited like an export, its members as keyed hashes of their ids. */
    private void audited(Claim claim, FamilyAssessor.Assembled family, String reason) {
        List<String> hashes = new ArrayList<>();
        family.members().forEach(m -> hashes.add(hasher.hash(SubjectHasher.PERSON, m.personId())));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("claimId", claim.claimId().toString());
        details.put("framework", claim.framework());
        details.put("outcome", claim.outcome());
        details.put("period", claim.period());
        audit.append(AuditEvent.builder(AuditEventType.EXPORTED).actor("system").purpose(ClaimDecision.PURPOSE)
                .partner(OutboundOutbox.CLAIMS).recordKey(OutboundAuditEvents.subject(claim.familyId()))
                .subjectHashes(hashes).decision("CREATED").reason(reason).details(details).build());
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
