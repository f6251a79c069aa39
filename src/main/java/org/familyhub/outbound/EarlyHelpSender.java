package org.familyhub.outbound;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.familyhub.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the early-help outbox, called on a schedule by the outbound connector's route
 * ({@code connectors/outbound/early-help/connector.camel.yaml}). Each message is claimed with
 * {@code FOR UPDATE SKIP LOCKED} in its own transaction, sent, and its outcome (SENT, a retry at the next backoff,
 * or DEAD) written and audited before that transaction commits: replicas never claim the same message, and a crash
 * mid-send leaves it PENDING to be sent again with the same notification id, which the case system ignores if it
 * already has it. The row lock is held for one call at most (connect + receive timeout).
 * <p>
 * The call is a plain CXF JAX-WS proxy ({@link EarlyHelpClient}) rather than Camel's {@code cxf:} producer: the claim,
 * the call and the outcome must share one database transaction and the outcome depends on the exact failure
 * (rejection fault, HTTP status, timeout); here that is one method, where a route would spread it over a transacted
 * policy, exception clauses and headers. Camel still owns the schedule (the connector's timer route).
 */
@Component
public class EarlyHelpSender implements OutboundSender {

    private static final Logger log = LoggerFactory.getLogger(EarlyHelpSender.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboundOutbox outbox;
    private final OutboundAuditEvents events;
    private final AuditTrail audit;
    private final EarlyHelpClient client;
    private final RetrySchedule retry;
    private final int batchSize;
    private volatile String url;

    public EarlyHelpSender(JdbcTemplate jdbc, TransactionTemplate tx, OutboundOutbox outbox, OutboundAuditEvents events,
                           AuditTrail audit, EarlyHelpClient client,
                           @Value("${familyhub.outbound.early-help.url:}") String url,
                           @Value("${familyhub.outbound.retry.first-backoff:30s}") Duration firstBackoff,
                           @Value("${familyhub.outbound.retry.max-backoff:1h}") Duration maxBackoff,
                           @Value("${familyhub.outbound.retry.attempts:10}") int attempts,
                           @Value("${familyhub.outbound.batch-size:50}") int batchSize) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.events = events;
        this.audit = audit;
        this.client = client;
        this.retry = new RetrySchedule(firstBackoff, maxBackoff, attempts);
        this.batchSize = batchSize;
        pointAt(url);
    }

    @Override
    public String system() {
        return OutboundOutbox.EARLY_HELP;
    }

    @Override
    public boolean configured() {
        return url != null;
    }

    /** The case system's SOAP endpoint; null or blank: not configured, messages wait. Changeable at run time. */
    public void pointAt(String endpoint) {
        this.url = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
    }

    public String endpoint() {
        return url;
    }

    /** Sends the messages that are due, up to the batch size. Returns how many were attempted. */
    public int sendDue() {
        String endpoint = url;
        if (endpoint == null) {
            return 0; // not configured: nothing is claimed, nothing dropped
        }
        int attempted = 0;
        try {
            while (attempted < batchSize && Boolean.TRUE.equals(tx.execute(status -> sendOne(endpoint)))) {
                attempted++;
            }
        } catch (RuntimeException e) { // the database, most likely: the message stays PENDING for the next run
            log.warn("Outbox run for {} stopped: {}", system(), e.getMessage());
        }
        return attempted;
    }

    private record Claimed(long id, String familyId, UUID notificationId, int attempts, String payload) {
    }

    /** Claims one due message, sends it and records the outcome, all in the caller's transaction. */
    private boolean sendOne(String endpoint) {
        List<Claimed> claimed = jdbc.query("""
                select id, family_id, notification_id, attempts, payload::text as payload from outbound_message
                 where system = ? and status = 'PENDING' and next_attempt_at <= clock_timestamp()
                 order by next_attempt_at, id limit 1
                   for update skip locked""",
                (rs, i) -> new Claimed(rs.getLong("id"), rs.getString("family_id"),
                        rs.getObject("notification_id", UUID.class), rs.getInt("attempts"), rs.getString("payload")),
                system());
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed m = claimed.get(0);
        int attempt = m.attempts() + 1;
        FamilyChange change;
        EarlyHelpClient.Result result;
        try {
            change = outbox.read(m.payload());
            result = client.send(endpoint, EarlyHelpMapper.toNotification(m.notificationId(), change));
        } catch (RuntimeException e) { // a payload we cannot map will not get better by waiting
            dead(m, attempt, null, "unsendable: " + e.getMessage(), "unsendable payload");
            return true;
        }
        if (result instanceof EarlyHelpClient.Result.Accepted a) {
            jdbc.update("""
                    update outbound_message set status = 'SENT', attempts = ?, sent_at = clock_timestamp(),
                           last_attempt_at = clock_timestamp(), last_error = null, case_reference = ?
                     where id = ?""", attempt, a.caseReference(), m.id());
            audit.append(events.pushed("SENT", system(), m.familyId(), m.notificationId(), attempt, change,
                    "accepted by " + system(), "system", null));
            log.debug("Sent notification {} of family {} to {}", m.notificationId(), m.familyId(), system());
        } else if (result instanceof EarlyHelpClient.Result.Rejected r) {
            String error = "NotificationRejected " + r.code() + ": " + r.message();
            log.warn("{} rejected notification {} of family {}: {}", system(), m.notificationId(), m.familyId(), r.code());
            dead(m, attempt, change, error, "rejected: " + r.code());
        } else if (result instanceof EarlyHelpClient.Result.Failed f) {
            if (retry.exhausted(attempt)) {
                log.warn("Notification {} of family {} failed {} times ({}); now a dead letter",
                        m.notificationId(), m.familyId(), attempt, f.summary());
                dead(m, attempt, change, f.detail() + " (after " + attempt + " attempts)",
                        f.summary() + ", attempts exhausted");
            } else {
                Duration wait = retry.delayAfter(attempt);
                jdbc.update("""
                        update outbound_message set attempts = ?, last_attempt_at = clock_timestamp(), last_error = ?,
                               next_attempt_at = clock_timestamp() + make_interval(secs => ?)
                         where id = ?""", attempt, f.detail(), wait.toMillis() / 1000.0, m.id());
                audit.append(events.pushed("RETRY", system(), m.familyId(), m.notificationId(), attempt, change,
                        f.summary() + ", retry in " + wait, "system", null));
                log.info("Notification {} of family {} failed ({}); attempt {} in {}",
                        m.notificationId(), m.familyId(), f.summary(), attempt + 1, wait);
            }
        }
        return true;
    }

    private void dead(Claimed m, int attempt, FamilyChange change, String error, String summary) {
        jdbc.update("""
                update outbound_message set status = 'DEAD', attempts = ?, last_attempt_at = clock_timestamp(),
                       last_error = ? where id = ?""", attempt, error, m.id());
        audit.append(events.pushed("DEAD", system(), m.familyId(), m.notificationId(), attempt, change, summary,
                "system", null));
    }
}
