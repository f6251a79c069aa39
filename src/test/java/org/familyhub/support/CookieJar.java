package org.familyhub.support;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cookies as a browser keeps them for http://127.0.0.1, where it treats the loopback as a secure context: the hub and
 * Keycloak mark their cookies {@code Secure}, which the JDK's CookieManager would then never send over plain HTTP.
 */
public final class CookieJar extends CookieHandler {
    private final List<HttpCookie> cookies = new ArrayList<>();

    @Override
    public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        cookies.removeIf(HttpCookie::hasExpired);
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String header = cookies.stream().filter(c -> c.getDomain().equals(uri.getHost()) && path.startsWith(c.getPath()))
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                for (String value : values) {
                    for (HttpCookie c : HttpCookie.parse("Set-Cookie: " + value)) {
                        c.setDomain(uri.getHost());
                        if (c.getPath() == null) {
                            c.setPath("/");
                        }
                        cookies.removeIf(o -> o.getName().equals(c.getName()) && o.getPath().equals(c.getPath()));
                        if (!c.hasExpired()) {
                            cookies.add(c);
                        }
                    }
                }
            }
        });
    }
}
