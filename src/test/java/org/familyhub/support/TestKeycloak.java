package org.familyhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Keycloak for tests: the distribution from Maven Central that the build unpacks into
 * {@code target/keycloak/keycloak-<version>} (system property {@code keycloak.home}), run in {@code start-dev} mode on
 * a free loopback port with an in-memory database and the shipped realm imported, under a Java 21+ found on this
 * machine. {@link #stop()} ends the process and waits for it. Its log is {@code target/keycloak-it/keycloak.log}.
 */
public final class TestKeycloak implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestKeycloak.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("keycloak.start-timeout", 300));

    private final Process process;
    private final int port;
    private final Path logFile;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestKeycloak(Process process, int port, Path logFile, String adminPassword) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts Keycloak with {@code realmFile} imported and waits until its realm {@code realm} answers.
     *
     * @param env extra environment, e.g. the placeholders the realm file reads
     */
    public static TestKeycloak start(Path realmFile, String realm, Map<String, String> env) {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-unpacked-by-maven"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home.toAbsolutePath()
                    + ": run the integration tests through Maven (`./mvnw verify`), which unpacks it before them");
        }
        Path java = javaHome();
        Path work = Path.of("target/keycloak-it").toAbsolutePath();
        Path logFile = work.resolve("keycloak.log");
        try {
            // a fresh data folder each run (the database itself is in memory), holding only the realm to import
            Path data = home.resolve("data");
            deleteTree(data);
            Files.createDirectories(data.resolve("import"));
            Files.copy(realmFile, data.resolve("import").resolve(realmFile.getFileName()));
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        String adminPassword = UUID.randomUUID().toString();
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--db=dev-mem",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(), "--import-realm");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> pe = pb.environment();
        pe.put("JAVA_HOME", java.toString());
        pe.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pe.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // a small heap, and C1 only: start-up speed on two cores matters more than throughput
        pe.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        pe.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        pe.putAll(env);
        long t0 = System.nanoTime();
        log.info("Starting Keycloak {} on http://127.0.0.1:{} with {} (data {}, log {})", home.getFileName(), port, java,
                home.resolve("data"), logFile);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        TestKeycloak kc = new TestKeycloak(process, port, logFile, adminPassword);
        Runtime.getRuntime().addShutdownHook(new Thread(kc::stop, "keycloak-stop")); // even if a test run is cut short
        kc.awaitRealm(realm);
        log.info("Keycloak answered after {} s", Duration.ofNanos(System.nanoTime() - t0).toSeconds());
        return kc;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        stop();
    }

    /** Ends Keycloak (SIGTERM to the launcher, which passes it on, then to anything left) and waits for it. */
    public synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle d : descendants) {
                d.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("Keycloak stopped (log {})", logFile);
    }

    private void awaitRealm(String realm) {
        URI probe = URI.create(issuer(realm) + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + START_TIMEOUT + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    // ---- HTTP helpers: the admin REST API and the token endpoint ----

    /** A form POST; the JSON answer, or an exception with the status and body. */
    public JsonNode postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return json(r, 200);
    }

    /** A password-grant token of {@code client} for a user: the access token. */
    public String passwordGrant(String realm, String client, String user, String password) {
        return postForm("/realms/" + realm + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "username", user, "password", password, "scope", "openid"))
                .get("access_token").asText();
    }

    public Admin admin(String realm) {
        String token = passwordGrant("master", "admin-cli", "admin", adminPassword);
        return new Admin(realm, token);
    }

    /** The admin REST API of one realm, as Keycloak's own admin user. */
    public final class Admin {
        private final String realm;
        private final String token;

        private Admin(String realm, String token) {
            this.realm = realm;
            this.token = token;
        }

        public JsonNode get(String path) {
            return json(send(request(path).GET()), 200);
        }

        /** POST a representation; the new object's id (from Location), or null when there is none. */
        public String post(String path, Object body) {
            HttpResponse<String> r = send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write(body))));
            expect(r, 201, 204);
            return r.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse(null);
        }

        public void put(String path, Object body) {
            expect(send(request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(write(body)))), 204);
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + realm + path))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        }

        /** The internal id of a client by its clientId. */
        public String clientId(String clientId) {
            JsonNode found = get("/clients?clientId=" + enc(clientId));
            if (found.isEmpty()) {
                throw new IllegalStateException("no client " + clientId + " in realm " + realm);
            }
            return found.get(0).get("id").asText();
        }

        /** A user with a password, a full profile (so no required action stops a password grant) and attributes. */
        public String createUser(String username, String password, Map<String, List<String>> attributes) {
            Map<String, Object> user = new HashMap<>();
            user.put("username", username);
            user.put("enabled", true);
            user.put("email", username + "@familyhub.test");
            user.put("emailVerified", true);
            user.put("firstName", "Test");
            user.put("lastName", "User");
            user.put("attributes", attributes);
            user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
            return post("/users", user);
        }

        public void grantRealmRole(String userId, String role) {
            post("/users/" + userId + "/role-mappings/realm", List.of(get("/roles/" + enc(role))));
        }

        public void grantClientRole(String userId, String clientInternalId, String role) {
            post("/users/" + userId + "/role-mappings/clients/" + clientInternalId,
                    List.of(get("/clients/" + clientInternalId + "/roles/" + enc(role))));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r, int status) {
        expect(r, status);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(HttpResponse<String> r, int... statuses) {
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " → " + r.statusCode() + ": " + r.body());
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- the machine ----

    /**
     * Keycloak 26 needs Java 21+; the build runs on 17. {@code keycloak.java.home} if set, else this JVM if new enough,
     * else the newest JDK under /usr/lib/jvm.
     */
    static Path javaHome() {
        String override = System.getProperty("keycloak.java.home");
        if (override != null) {
            return Path.of(override);
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.filter(p -> Files.isExecutable(p.resolve("bin/java"))).forEach(candidates::add);
        } catch (IOException e) {
            // no /usr/lib/jvm: reported below
        }
        Optional<Path> best = candidates.stream().filter(p -> featureVersion(p) >= 21)
                .max(Comparator.comparingInt(TestKeycloak::featureVersion));
        return best.orElseThrow(() -> new IllegalStateException("Keycloak needs Java 21 or newer and none was found: this "
                + "JVM is " + Runtime.version() + " and /usr/lib/jvm has " + candidates + ". Install one (e.g. apt-get "
                + "install openjdk-21-jdk-headless) or set -Dkeycloak.java.home=<JDK 21+>"));
    }

    private static int featureVersion(Path jdk) {
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(jdk.resolve("release"))) {
            release.load(in);
            String v = release.getProperty("JAVA_VERSION", "").replace("\"", "");
            return Integer.parseInt(v.split("[.+-]")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
