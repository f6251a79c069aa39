package org.familyhub.outbound;

import java.time.Duration;
import org.familyhub.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the early-help outbox to the case system's {@code NotifyFamily}, called on a schedule by the outbound
 * connector's route ({@code connectors/outbound/early-help/connector.camel.yaml}); the claim, retry and dead-letter
 * rules are {@link OutboxWorker}'s. Every attempt of a change carries the same notification id.
 * <p>
 * The call is a plain CXF JAX-WS proxy ({@link EarlyHelpClient}) rather than Camel's {@code cxf:} producer: the claim,
 * the call and the outcome must share one database transaction and the outcome depends on the exact failure
 * (rejection fault, HTTP status, timeout); here that is one method, where a route would spread it over a transacted
 * policy, exception clauses and headers. Camel still owns the schedule (the connector's timer route).
 */
@Component
public class EarlyHelpSender extends OutboxWorker {

    private final OutboundOutbox outbox;
    private final EarlyHelpClient client;

    public EarlyHelpSender(JdbcTemplate jdbc, TransactionTemplate tx, OutboundOutbox outbox, OutboundAuditEvents events,
                           AuditTrail audit, EarlyHelpClient client,
                           @Value("${familyhub.outbound.early-help.url:}") String url,
                           @Value("${familyhub.outbound.retry.first-backoff:30s}") Duration firstBackoff,
                           @Value("${familyhub.outbound.retry.max-backoff:1h}") Duration maxBackoff,
                           @Value("${familyhub.outbound.retry.attempts:10}") int attempts,
                           @Value("${familyhub.outbound.batch-size:50}") int batchSize) {
        super(jdbc, tx, events, audit, new RetrySchedule(firstBackoff, maxBackoff, attempts), batchSize, url);
        this.outbox = outbox;
        this.client = client;
    }

    @Override
    public String system() {
        return OutboundOutbox.EARLY_HELP;
    }

    @Override
    protected Delivery deliver(String endpoint, Message m) {
        FamilyChange change;
        EarlyHelpClient.Result result;
        try {
            change = outbox.read(m.payload());
            result = client.send(endpoint, EarlyHelpMapper.toNotification(m.messageId(), change));
        } catch (RuntimeException e) { // a payload we cannot map will not get better by waiting
            return Delivery.rejected("unsendable payload", "unsendable: " + e.getMessage(), null);
        }
        if (result instanceof EarlyHelpClient.Result.Accepted a) {
            return Delivery.accepted("accepted by " + system(), a.caseReference(), change);
        }
        if (result instanceof EarlyHelpClient.Result.Rejected r) {
            return Delivery.rejected("rejected: " + r.code(), "NotificationRejected " + r.code() + ": " + r.message(),
                    change);
        }
        EarlyHelpClient.Result.Failed f = (EarlyHelpClient.Result.Failed) result;
        return Delivery.failed(f.summary(), f.detail(), change);
    }
}
