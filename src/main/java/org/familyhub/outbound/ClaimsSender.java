package org.familyhub.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
 * Delivers queued claims to the claim system as JSON over HTTP ({@code POST familyhub.outbound.claims.url}), called on
 * a schedule by the outbound connector's route ({@code connectors/outbound/claims/connector.camel.yaml}). The same
 * pattern as {@link EarlyHelpSender}: each message claimed with {@code FOR UPDATE SKIP LOCKED} in its own transaction,
 * sent, its outcome and the claim's status written before that transaction commits. Every attempt carries the claim id
 * ({@code Idempotency-Key} header and {@code claimId} in the body), so a claim system that drops ids it has is sent each
 * claim once, retries included.
 * <p>
 * 2xx: accepted; 409: the claim system already has this id, also accepted. 408, 425, 429, 5xx, timeouts and connection
 * failures: retried with exponential backoff, then a dead letter. Any other answer is a rejection: a dead letter at
 * once, which the data team can replay.
 */
@Component
public class ClaimsSender implements OutboundSender {

    private static final Logger log = LoggerFactory.getLogger(ClaimsSender.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboundAuditEvents events;
    private final AuditTrail audit;
    private final RetrySchedule retry;
    private final int batchSize;
    private final Duration receiveTimeout;
    private final HttpClient http;
    private volatile String url;

    public ClaimsSender(JdbcTemplate jdbc, TransactionTemplate tx, OutboundAuditEvents events, AuditTrail audit,
                        @Value("${familyhub.outbound.claims.url:}") String url,
                        @Value("${familyhub.outbound.claims.connect-timeout:5s}") Duration connectTimeout,
                        @Value("${familyhub.outbound.claims.receive-timeout:30s}") Duration receiveTimeout,
                        @Value("${familyhub.outbound.retry.first-backoff:30s}") Duration firstBackoff,
                        @Value("${familyhub.outbound.retry.max-backoff:1h}") Duration maxBackoff,
                        @Value("${familyhub.outbound.retry.attempts:10}") int attempts,
                        @Value("${familyhub.outbound.batch-size:50}") int batchSize) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.audit = audit;
        this.retry = new RetrySchedule(firstBackoff, maxBackoff, attempts);
        this.batchSize = batchSize;
        this.receiveTimeout = receiveTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        pointAt(url);
    }

    @Override
    public String system() {
        return OutboundOutbox.CLAIMS;
    }

    @Override
    public boolean configured() {
        return url != null;
    }

    /** The claim system's endpoint; null or blank: not configured, claims wait in the outbox. Changeable at run time. */
    public void pointAt(String endpoint) {
        this.url = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
    }

    public String endpoint() {
        return url;
    }

    /** Sends the claims that are due, up to the batch size. Returns how many were attempted. */
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

    private record Claimed(long id, String familyId, UUID claimId, int attempts, String payload) {
    }

    /** What one POST came to; {@code summary} holds nothing the far side wrote. */
    private record Outcome(boolean accepted, boolean retry, String summary, String detail) {
    }

    private boolean sendOne(String endpoint) {
        List<Claimed> claimed = jdbc.query("""
                select id, family_id, notification_id, attempts, payload::text as payload from outbound_message
                 where system = ? and status = 'PENDING' and next_attempt_at <= clock_timestamp()
                 order by next_attempt_at, id limit 1
                   for update skip locked""",
                (rs, i) -> new Claimed(rs.getLong("id"), rs.getString("family_id"), rs.getObject("notification_id", UUID.class),
                        rs.getInt("attempts"), rs.getString("payload")),
                system());
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed m = claimed.get(0);
        int attempt = m.attempts() + 1;
        Outcome o = post(endpoint, m);
        if (o.accepted()) {
            jdbc.update("""
                    update outbound_message set status = 'SENT', attempts = ?, sent_at = clock_timestamp(),
                           last_attempt_at = clock_timestamp(), last_error = null where id = ?""", attempt, m.id());
            jdbc.update("update claim set status = 'SENT', sent_at = clock_timestamp() where claim_id = ?", m.claimId());
            audit.append(events.pushed("SENT", system(), m.familyId(), m.claimId(), attempt, null, o.summary(), "system", null));
        } else if (!o.retry() || retry.exhausted(attempt)) {
            String error = o.detail() + (o.retry() ? " (after " + attempt + " attempts)" : "");
            jdbc.update("""
                    update outbound_message set status = 'DEAD', attempts = ?, last_attempt_at = clock_timestamp(),
                           last_error = ? where id = ?""", attempt, error, m.id());
            audit.append(events.pushed("DEAD", system(), m.familyId(), m.claimId(), attempt, null,
                    o.summary() + (o.retry() ? ", attempts exhausted" : ""), "system", null));
            log.warn("Claim {} of family {} is a dead letter: {}", m.claimId(), m.familyId(), error);
        } else {
            Duration wait = retry.delayAfter(attempt);
            jdbc.update("""
                    update outbound_message set attempts = ?, last_attempt_at = clock_timestamp(), last_error = ?,
                           next_attempt_at = clock_timestamp() + make_interval(secs => ?)
                     where id = ?""", attempt, o.detail(), wait.toMillis() / 1000.0, m.id());
            audit.append(events.pushed("RETRY", system(), m.familyId(), m.claimId(), attempt, null,
                    o.summary() + ", retry in " + wait, "system", null));
            log.info("Claim {} of family {} failed ({}); attempt {} in {}", m.claimId(), m.familyId(), o.summary(), attempt + 1, wait);
        }
        return true;
    }

    private Outcome post(String endpoint, Claimed m) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(receiveTimeout)
                    .header("Content-Type", "application/json").header("Idempotency-Key", m.claimId().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(m.payload())).build();
        } catch (IllegalArgumentException e) {
            return new Outcome(false, false, "bad endpoint", "the claims endpoint is not a usable URL: " + e.getMessage());
        }
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            int code = r.statusCode();
            String detail = "HTTP " + code + (r.body() == null || r.body().isBlank() ? ""
                    : ": " + r.body().substring(0, Math.min(500, r.body().length())));
            if (code / 100 == 2 || code == 409) {
                return new Outcome(true, false, "accepted by " + system() + " (HTTP " + code + ")", detail);
            }
            boolean transientFailure = code >= 500 || code == 408 || code == 425 || code == 429;
            return new Outcome(false, transientFailure, transientFailure ? "HTTP " + code : "rejected: HTTP " + code, detail);
        } catch (HttpTimeoutException e) {
            return new Outcome(false, true, "timeout", "no answer within " + receiveTimeout + ": " + e.getMessage());
        } catch (IOException e) {
            return new Outcome(false, true, "connection failed", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending claim " + m.claimId(), e);
        }
    }
}
