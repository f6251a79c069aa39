package org.familyhub.outbound;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.familyhub.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox loop every outbound system shares; each system supplies only how one message is delivered
 * ({@link #deliver}). A message is claimed with {@code FOR UPDATE SKIP LOCKED} in its own transaction, delivered, and
 * its outcome (SENT, a retry at the next backoff, or DEAD) written and audited before that transaction commits:
 * replicas never claim the same message, and a crash mid-send leaves it PENDING, to be sent again under the same id,
 * which the receiving system drops if it already has it. The row lock is held for one call at most.
 */
public abstract class OutboxWorker implements OutboundSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboundAuditEvents events;
    private final AuditTrail audit;
    private final RetrySchedule retry;
    private final int batchSize;
    private volatile String url;

    protected OutboxWorker(JdbcTemplate jdbc, TransactionTemplate tx, OutboundAuditEvents events, AuditTrail audit,
                           RetrySchedule retry, int batchSize, String url) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.audit = audit;
        this.retry = retry;
        this.batchSize = batchSize;
        pointAt(url);
    }

    /** One claimed message: {@code messageId} is the id the far side sees on every attempt (notification or claim id). */
    protected record Message(long id, String familyId, UUID messageId, int attempt, String payload) {
    }

    /**
     * What one delivery came to. {@code summary} holds nothing the far side wrote (it goes into the audit trail);
     * {@code detail} may (it goes into the dead-letter list). {@code change} is the family change that went out, for
     * the audit event's subject hashes; null when the message is not about a family's members.
     */
    protected record Delivery(Outcome outcome, String summary, String detail, String caseReference, FamilyChange change) {

        public enum Outcome { ACCEPTED, TRANSIENT_FAILURE, REJECTED }

        public static Delivery accepted(String summary, String caseReference, FamilyChange change) {
            return new Delivery(Outcome.ACCEPTED, summary, null, caseReference, change);
        }

        public static Delivery failed(String summary, String detail, FamilyChange change) {
            return new Delivery(Outcome.TRANSIENT_FAILURE, summary, detail, null, change);
        }

        public static Delivery rejected(String summary, String detail, FamilyChange change) {
            return new Delivery(Outcome.REJECTED, summary, detail, null, change);
        }
    }

    /** Delivers one message to {@code endpoint}; says what happened rather than throwing. */
    protected abstract Delivery deliver(String endpoint, Message message);

    /** Called in the claiming transaction once a message is accepted, for the system's own bookkeeping. */
    protected void accepted(Message message) {
    }

    protected JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public boolean configured() {
        return url != null;
    }

    /** The system's endpoint; null or blank: not configured, messages wait. Changeable at run time. */
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

    /** Claims one due message, delivers it and records the outcome, all in the caller's transaction. */
    private boolean sendOne(String endpoint) {
        List<Message> claimed = jdbc.query("""
                select id, family_id, notification_id, attempts, payload::text as payload from outbound_message
                 where system = ? and status = 'PENDING' and next_attempt_at <= clock_timestamp()
                 order by next_attempt_at, id limit 1
                   for update skip locked""",
                (rs, i) -> new Message(rs.getLong("id"), rs.getString("family_id"),
                        rs.getObject("notification_id", UUID.class), rs.getInt("attempts") + 1, rs.getString("payload")),
                system());
        if (claimed.isEmpty()) {
            return false;
        }
        Message m = claimed.get(0);
        Delivery d = deliver(endpoint, m);
        switch (d.outcome()) {
            case ACCEPTED -> {
                jdbc.update("""
                        update outbound_message set status = 'SENT', attempts = ?, sent_at = clock_timestamp(),
                               last_attempt_at = clock_timestamp(), last_error = null,
                               case_reference = coalesce(?, case_reference)
                         where id = ?""", m.attempt(), d.caseReference(), m.id());
                accepted(m);
                audit.append(events.pushed("SENT", system(), m.familyId(), m.messageId(), m.attempt(), d.change(),
                        d.summary(), "system", null));
                log.debug("Sent message {} of family {} to {}", m.messageId(), m.familyId(), system());
            }
            case REJECTED -> {
                log.warn("{} rejected message {} of family {}: {}", system(), m.messageId(), m.familyId(), d.summary());
                dead(m, d.detail(), d.summary(), d.change());
            }
            case TRANSIENT_FAILURE -> {
                if (retry.exhausted(m.attempt())) {
                    log.warn("Message {} of family {} to {} failed {} times ({}); now a dead letter",
                            m.messageId(), m.familyId(), system(), m.attempt(), d.summary());
                    dead(m, d.detail() + " (after " + m.attempt() + " attempts)", d.summary() + ", attempts exhausted",
                            d.change());
                } else {
                    Duration wait = retry.delayAfter(m.attempt());
                    jdbc.update("""
                            update outbound_message set attempts = ?, last_attempt_at = clock_timestamp(), last_error = ?,
                                   next_attempt_at = clock_timestamp() + make_interval(secs => ?)
                             where id = ?""", m.attempt(), d.detail(), wait.toMillis() / 1000.0, m.id());
                    audit.append(events.pushed("RETRY", system(), m.familyId(), m.messageId(), m.attempt(), d.change(),
                            d.summary() + ", retry in " + wait, "system", null));
                    log.info("Message {} of family {} to {} failed ({}); attempt {} in {}",
                            m.messageId(), m.familyId(), system(), d.summary(), m.attempt() + 1, wait);
                }
            }
        }
        return true;
    }

    private void dead(Message m, String error, String summary, FamilyChange change) {
        jdbc.update("""
                update outbound_message set status = 'DEAD', attempts = ?, last_attempt_at = clock_timestamp(),
                       last_error = ? where id = ?""", m.attempt(), error, m.id());
        audit.append(events.pushed("DEAD", system(), m.familyId(), m.messageId(), m.attempt(), change, summary,
                "system", null));
    }
}
