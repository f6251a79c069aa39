package org.familyhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A plain HTTP client for the hub's API, as a partner or a user would call it (HTTP Basic with the demo users). */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json, */*;q=0.5").GET());
    }

    /** A GET with headers, given as name, value, name, value... (e.g. X-Purpose, X-Justification). */
    public Response get(String user, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(user, b.GET());
    }

    public Response getHtml(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
    }

    /** A body that looks like JSON goes as application/json (API resources); feeds accept any content type. */
    public Response post(String user, String path, byte[] body) {
        boolean json = body.length > 0 && (body[0] == '{' || body[0] == '[');
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", json ? "application/json" : "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** As {@code curl --data-binary @file} sends it: declared as a form, which it is not. */
    public Response postAsCurlDoes(String user, String path, byte[] body) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response post(String user, String path, String body, String header, String value) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).header(header, value)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String user, String path, String body) {
        return post(user, path, body.getBytes(StandardCharsets.UTF_8));
    }

    private Response send(String user, HttpRequest.Builder b) {
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }
}
