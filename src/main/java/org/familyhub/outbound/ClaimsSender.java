package org.familyhub.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.familyhub.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers queued claims to the claim system as JSON over HTTP ({@code POST familyhub.outbound.claims.url}), called on
 * a schedule by the outbound connector's route ({@code connectors/outbound/claims/connector.camel.yaml}); the claim,
 * retry and dead-letter rules are {@link OutboxWorker}'s, and the claim's status is written in the same transaction as
 * its message's. Every attempt carries the claim id
 * ({@code Idempotency-Key} header and {@code claimId} in the body), so a claim system that drops ids it has is sent each
 * claim once, retries included.
 * <p>
 * 2xx: accepted; 409: the claim system already has this id, also accepted. 408, 425, 429, 5xx, timeouts and connection
 * failures: retried with exponential backoff, then a dead letter. Any other answer is a rejection: a dead letter at
 * once, which the data team can replay.
 */
@Component
public class ClaimsSender extends OutboxWorker {

    private final Duration receiveTimeout;
    private final HttpClient http;

    public ClaimsSender(JdbcTemplate jdbc, TransactionTemplate tx, OutboundAuditEvents events, AuditTrail audit,
                        @Value("${familyhub.outbound.claims.url:}") String url,
                        @Value("${familyhub.outbound.claims.connect-timeout:5s}") Duration connectTimeout,
                        @Value("${familyhub.outbound.claims.receive-timeout:30s}") Duration receiveTimeout,
                        @Value("${familyhub.outbound.retry.first-backoff:30s}") Duration firstBackoff,
                        @Value("${familyhub.outbound.retry.max-backoff:1h}") Duration maxBackoff,
                        @Value("${familyhub.outbound.retry.attempts:10}") int attempts,
                        @Value("${familyhub.outbound.batch-size:50}") int batchSize) {
        super(jdbc, tx, events, audit, new RetrySchedule(firstBackoff, maxBackoff, attempts), batchSize, url);
        this.receiveTimeout = receiveTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String system() {
        return OutboundOutbox.CLAIMS;
    }

    @Override
    protected void accepted(Message m) {
        jdbc().update("update claim set status = 'SENT', sent_at = clock_timestamp() where claim_id = ?", m.messageId());
    }

    @Override
    protected Delivery deliver(String endpoint, Message m) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(receiveTimeout)
                    .header("Content-Type", "application/json").header("Idempotency-Key", m.messageId().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(m.payload())).build();
        } catch (IllegalArgumentException e) {
            return Delivery.rejected("bad endpoint", "the claims endpoint is not a usable URL: " + e.getMessage(), null);
        }
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            int code = r.statusCode();
            String detail = "HTTP " + code + (r.body() == null || r.body().isBlank() ? ""
                    : ": " + r.body().substring(0, Math.min(500, r.body().length())));
            if (code / 100 == 2 || code == 409) {
                return Delivery.accepted("accepted by " + system() + " (HTTP " + code + ")", null, null);
            }
            boolean transientFailure = code >= 500 || code == 408 || code == 425 || code == 429;
            return transientFailure ? Delivery.failed("HTTP " + code, detail, null)
                    : Delivery.rejected("rejected: HTTP " + code, detail, null);
        } catch (HttpTimeoutException e) {
            return Delivery.failed("timeout", "no answer within " + receiveTimeout + ": " + e.getMessage(), null);
        } catch (IOException e) {
            return Delivery.failed("connection failed", e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending claim " + m.messageId(), e);
        }
    }
}
