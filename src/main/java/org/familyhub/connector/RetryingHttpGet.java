package org.familyhub.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * GET for partner pulls: a transient failure (5xx, 429, timeout, reset) is retried with exponential backoff; a 4xx
 * other than 429 is the partner refusing us and is not retried. Gives up with {@link PullFailedException}.
 */
@Component
public class RetryingHttpGet {

    private static final Logger log = LoggerFactory.getLogger(RetryingHttpGet.class);

    private final HttpClient client;
    private final int attempts;
    private final Duration firstBackoff;
    private final Duration timeout;

    public RetryingHttpGet(@Value("${familyhub.pull.attempts:4}") int attempts,
                           @Value("${familyhub.pull.first-backoff:500ms}") Duration firstBackoff,
                           @Value("${familyhub.pull.timeout:30s}") Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.timeout = timeout;
    }

    public byte[] get(URI uri, String accept) throws PullFailedException {
        Duration backoff = firstBackoff;
        String last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<byte[]> res = client.send(HttpRequest.newBuilder(uri).timeout(timeout)
                        .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = res.statusCode();
                if (status >= 200 && status < 300) {
                    return res.body();
                }
                last = "HTTP " + status + " from " + uri;
                if (status < 500 && status != 429) {
                    throw new PullFailedException(last + ": the partner refused the request");
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + " calling " + uri + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PullFailedException("interrupted calling " + uri);
            }
            if (attempt < attempts) {
                log.warn("Pull attempt {}/{} failed ({}); retrying in {} ms", attempt, attempts, last, backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new PullFailedException(last + " (after " + attempts + " attempts)");
    }

    private static void sleep(Duration d) throws PullFailedException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullFailedException("interrupted while backing off");
        }
    }

    public static class PullFailedException extends Exception {
        public PullFailedException(String message) {
            super(message);
        }
    }
}
