package org.familyhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.familyhub.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The packaged jar, started as a deployer would: {@code java -jar} in a folder holding copies of routes/, connectors/
 * and consent/. It must load every route from the file system (a classpath-only pattern passes in tests but fails in
 * the jar), start its embedded PostgreSQL, generate the demo estate on first start and ingest it.
 */
class PackagedJarIT {

    static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile("Tomcat started on port (\\d+)");

    Process hub;
    Path home;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.destroy();
            hub.waitFor();
        }
        if (home != null) {
            FileSystemUtils.deleteRecursively(home);
        }
    }

    @Test
    void thePackagedJarStartsFromAHomeFolderAndIngestsTheDemoEstate() throws Exception {
        Path jar = jar();
        home = Files.createTempDirectory("familyhub-jar-home");
        // 0755, as a deployer's folder is: as root the embedded PostgreSQL runs as nobody and must reach work/pgdata.
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String dir : List.of("routes", "connectors", "consent")) {
            FileSystemUtils.copyRecursively(Path.of(dir), home.resolve(dir));
        }
        // Port 0, read back from the log: a port chosen here and released could be taken by the embedded PostgreSQL.
        hub = new ProcessBuilder(javaBin(), "-Xmx1g", "-jar", jar.toString(), "--server.port=0",
                "--familyhub.demo.families=40")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("hub.log").toFile()).start();
        await(Duration.ofSeconds(120), () -> hub.isAlive() && PORT.matcher(Files.readString(home.resolve("hub.log"))).find(), home);
        var m = PORT.matcher(Files.readString(home.resolve("hub.log")));
        m.find();
        Api api = new Api(Integer.parseInt(m.group(1)));
        await(Duration.ofSeconds(30), () -> api.get(null, "/actuator/health").status() == 200, home);
        JsonNode connectors = api.get("ig1", "/api/connectors").json();
        assertThat(connectors).hasSize(6);
        connectors.forEach(c -> assertThat(c.get("state").asText()).as(c.toString()).isNotEqualTo("STOPPED"));
        // The first start generated a demo estate into the inboxes; the file drops take it in.
        await(Duration.ofSeconds(90), () -> {
            JsonNode all = api.get("ig1", "/api/connectors").json();
            long accepted = 0;
            for (JsonNode c : all) {
                accepted += c.get("counts").get("accepted").asLong();
            }
            return accepted > 100 && inboxesEmpty(home.resolve("work/inbox"));
        }, home);
        String log = Files.readString(home.resolve("hub.log"));
        assertThat(log).contains("DEMO USERS ARE ENABLED").contains("First start: generated a synthetic estate");
        assertThat(log).doesNotContain("ERROR").as("no error in the start-up log");
    }

    static boolean inboxesEmpty(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(inbox, 2)) {
            return s.filter(Files::isRegularFile).findAny().isEmpty();
        }
    }

    static Path jar() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("familyhub-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run `./mvnw verify`: the packaged jar is built before the ITs"))
                    .toAbsolutePath();
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Duration max, Check check, Path home) throws Exception {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                // not ready yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within " + max + "; hub log:\n" + tail(home.resolve("hub.log")));
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(File.separator.equals("/") ? "\n" : "\r\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
