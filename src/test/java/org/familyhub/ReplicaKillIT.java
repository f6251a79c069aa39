package org.familyhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.SubjectHasher;
import org.familyhub.db.EmbeddedPostgres;
import org.familyhub.outbound.CaseSystemDouble;
import org.familyhub.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Replicas under SIGKILL (DESIGN §11, README "Running several replicas"). A standalone PostgreSQL, two hub processes
 * from the packaged jar on it (separate JVMs, one shared home and inbox, their own ports) and a real SOAP case system
 * for the early-help feed. A synthetic estate goes in; at each kill point the replica doing the work is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) at a random moment of its batch, the other finishes it (a push: the
 * client retries on the survivor; a dropped file: the survivor takes the inbox's leadership and the file), and a fresh
 * replica is started for the next kill point. Then: every record stored exactly once (the current records per partner
 * are the generator's ground truth, no content stored twice), every notification received (duplicates counted), the
 * audit chain valid, no batch left PROCESSING. Figures are printed.
 *
 * <p>{@code -Dchaos.kills=N -Dchaos.families=F -Dchaos.seed=S} (or {@code ./mvnw verify -Pchaos}) runs more kill
 * points: each round of three (push, file, push) uses a fresh estate.
 */
class ReplicaKillIT {

    static final int KILLS = Integer.getInteger("chaos.kills", 3);
    static final int FAMILIES = Integer.getInteger("chaos.families", 400);
    static final long SEED = Long.getLong("chaos.seed", System.nanoTime() % 100_000);
    static final Duration START = Duration.ofSeconds(180);
    static final Duration SETTLE = Duration.ofSeconds(180);

    static EmbeddedPostgres pg;
    static CaseSystemDouble caseSystem;
    static Path home;
    static Path estates;
    static JdbcTemplate jdbc;
    static final List<Hub> alive = new ArrayList<>();
    static final List<Hub> all = new ArrayList<>();
    static int started;
    static int unlinkedAtKills;

    record Hub(String name, Process process, int port, Path log) {
        Api api() {
            return new Api(port);
        }
    }

    /** One kill point's outcome. */
    record Kill(int n, String mode, String partner, String victim, long delayMs, int records, boolean midBatch,
                long recoveryMs) {
    }

    @BeforeAll
    static void startDatabaseAndCaseSystem() throws Exception {
        pg = EmbeddedPostgres.startEphemeral();
        jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), pg.jdbcUrl(), pg.username(), pg.password()));
        caseSystem = new CaseSystemDouble();
        home = Files.createTempDirectory("familyhub-replicas");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String dir : List.of("routes", "connectors", "consent")) {
            FileSystemUtils.copyRecursively(Path.of(dir), home.resolve(dir));
        }
        estates = home.resolve("estates");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Hub h : all) {
            if (h.process.isAlive()) {
                h.process.destroy();
            }
        }
        for (Hub h : all) {
            if (!h.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                h.process.destroyForcibly();
            }
        }
        if (caseSystem != null) {
            caseSystem.close();
        }
        if (pg != null) {
            pg.close();
        }
        if (home != null && !Boolean.getBoolean("chaos.keep")) {
            FileSystemUtils.deleteRecursively(home);
        }
    }

    @Test
    void killingTheReplicaDoingTheWorkLosesAndDoublesNothing() throws Exception {
        Random random = new Random(SEED);
        System.out.printf("ReplicaKillIT: %d kill points, %d families per round, seed %d%n", KILLS, FAMILIES, SEED);
        alive.add(startHub());
        alive.add(startHub()); // the second after the first: it finds the database migrated, as a scaled-out replica does

        Map<String, Set<String>> expected = new TreeMap<>();
        List<Kill> kills = new ArrayList<>();
        double recordsPerSecond = 0;
        int rounds = (KILLS + 2) / 3;
        for (int round = 0; round < rounds; round++) {
            Path estate = generate(round);
            // The partners no kill point uses first, through the replicas in turn: the rate measured here sizes the
            // random kill delays below.
            List<String> warmUp = new ArrayList<>();
            for (String partner : List.of("dwp", "probation", "health")) {
                groundTruth(estate, partner, expected);
                Path file = onlyFile(estate, partner);
                Api.Response r = alive.get(0).api().post(partner + "-it", "/api/feeds/" + partner, Files.readAllBytes(file));
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                warmUp.add("'" + r.json().get("batchId").asText() + "'");
            }
            // The replica's own pace, from the batches' times in the database.
            recordsPerSecond = jdbc.queryForObject("select sum(received) / greatest(0.1, extract(epoch from sum(completed_at"
                    + " - started_at))) from batch where batch_id in (" + String.join(",", warmUp) + ")", Double.class);
            // A large push; one large file; a stream of many files (the school returns), each killed at random.
            String[][] plan = {{"PUSH", "police"}, {"FILE", "housing"}, {"FILE", "school"}};
            for (int i = 0; i < plan.length && kills.size() < KILLS; i++) {
                String mode = plan[i][0];
                String partner = plan[i][1];
                groundTruth(estate, partner, expected);
                List<Path> files = files(estate, partner);
                int records = (int) expectedOf(estate, partner);
                long estimateMs = (long) (records / Math.max(50, recordsPerSecond) * 1000);
                long delay = (long) (estimateMs * (0.1 + 0.6 * random.nextDouble()));
                Kill k = mode.equals("PUSH") ? killDuringPush(kills.size() + 1, partner, files.get(0), records, delay)
                        : killDuringFileDrop(kills.size() + 1, partner, files, records, delay, round);
                kills.add(k);
                System.out.println("ReplicaKillIT: " + k);
                if (kills.size() < KILLS) {
                    alive.add(startHub()); // two replicas again before the next kill point
                }
            }
        }

        // Settle: no batch left PROCESSING (a dead replica's are marked abandoned), none left unlinked (a dead
        // replica's kept batches are linked by a survivor), the outbox drained.
        await(SETTLE, "batches settled and linked, outbox drained", () ->
                count("select count(*) from batch where status = 'PROCESSING'") == 0
                        && count("select count(*) from batch where link_pending") == 0
                        && count("select count(*) from outbound_message where system = 'early-help' and status <> 'SENT'") == 0);

        // Records: the current records of each partner are the ground truth (less those the consent engine refused,
        // found by their keyed hash in the audit), none stored twice.
        SubjectHasher hasher = new SubjectHasher(jdbc.queryForObject("select hash_key from audit_key", byte[].class));
        int lost = 0;
        int doubled = 0;
        int extra = 0;
        int refusedTotal = 0;
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            Set<String> stored = new HashSet<>(jdbc.queryForList(
                    "select source_record_id from partner_record where partner = ? and is_current", String.class, e.getKey()));
            Set<String> refusedKeys = new HashSet<>(jdbc.queryForList(
                    "select record_key from audit_event where type = 'REFUSED' and partner = ?", String.class, e.getKey()));
            Set<String> missing = new HashSet<>(e.getValue());
            missing.removeAll(stored);
            int refused = missing.size();
            missing.removeIf(id -> refusedKeys.contains("hash:" + hasher.hash("key", AuditEvent.recordKey(e.getKey(), id))));
            refused -= missing.size();
            refusedTotal += refused;
            Set<String> unknown = new HashSet<>(stored);
            unknown.removeAll(e.getValue());
            int twice = count("select count(*) - count(distinct (source_record_id, content_sha256)) from partner_record"
                    + " where partner = '" + e.getKey() + "'");
            System.out.printf("ReplicaKillIT: %-9s expected %5d stored %5d refused %d lost %d doubled %d unknown %d%n",
                    e.getKey(), e.getValue().size(), stored.size(), refused, missing.size(), twice, unknown.size());
            if (!missing.isEmpty()) {
                System.out.println("ReplicaKillIT: " + e.getKey() + " lost " + missing);
            }
            lost += missing.size();
            doubled += twice;
            extra += unknown.size();
        }

        // Notifications: each one the outbox holds reached the case system, at least once.
        List<String> sent = jdbc.queryForList("select notification_id::text from outbound_message where system = 'early-help'", String.class);
        Map<String, Integer> receipts = caseSystem.receipts();
        int notReceived = 0;
        int duplicatesReceived = 0;
        for (String id : sent) {
            int n = receipts.getOrDefault(id, 0);
            if (n == 0) {
                notReceived++;
            }
            duplicatesReceived += Math.max(0, n - 1);
        }
        // Audit: one valid chain, whatever replica wrote each event.
        Api.Response verify = alive.get(0).api().get("auditor1", "/api/audit/verify");
        // Batches: every kill that hit a batch in progress left one abandoned batch, now FAILED with its reason.
        int abandoned = count("select count(*) from batch where status = 'FAILED' and error like 'abandoned:%'");
        long midBatch = kills.stream().filter(Kill::midBatch).count();
        long maxRecovery = kills.stream().mapToLong(Kill::recoveryMs).max().orElse(0);
        double meanRecovery = kills.stream().mapToLong(Kill::recoveryMs).average().orElse(0);

        System.out.printf("ReplicaKillIT figures: kill points %d (mid-batch %d), records expected %d (refused by consent %d),"
                        + " lost %d, doubled %d,"
                        + " unknown %d; notifications %d, not received %d, duplicates received %d; abandoned batches %d;"
                        + " batches kept but not linked when their replica was killed %d (linked by a survivor);"
                        + " audit %s; recovery mean %.1f s, max %.1f s (kill to batch kept by the survivor)%n",
                kills.size(), midBatch, expected.values().stream().mapToInt(Set::size).sum(), refusedTotal, lost, doubled, extra,
                sent.size(), notReceived, duplicatesReceived, abandoned, unlinkedAtKills, verify.body(), meanRecovery / 1000, maxRecovery / 1000.0);

        assertThat(kills).hasSize(KILLS);
        assertThat(lost).as("records lost").isZero();
        assertThat(doubled).as("records doubled").isZero();
        assertThat(extra).as("records not in the ground truth").isZero();
        assertThat(sent).as("the estate made families eligible: notifications went out").isNotEmpty();
        assertThat(notReceived).as("notifications never received").isZero();
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().get("valid").asBoolean()).as(verify.body()).isTrue();
        assertThat(count("select count(*) from batch where status = 'PROCESSING'")).isZero();
        // Linking runs after keeping, in its own transaction: every record kept was linked all the same.
        assertThat(count("""
                select count(*) from partner_record r where r.is_current and not exists (
                  select 1 from person_link l where l.record_key = r.partner || '|' || r.source_record_id)"""))
                .as("kept records never linked").isZero();
        assertThat(abandoned).as("one abandoned batch per kill that hit a batch in progress").isEqualTo((int) midBatch);
        // Each abandoned batch was finished later: a file by name, a push by its bytes.
        assertThat(count("""
                select count(*) from batch a where a.status = 'FAILED' and a.error like 'abandoned:%' and not exists (
                  select 1 from batch b where b.status = 'COMPLETED' and b.partner = a.partner and b.started_at > a.started_at
                     and (b.content_sha256 = a.content_sha256 or (a.source = 'FILE' and b.source_name = a.source_name)))""")).isZero();
    }

    // ------------------------------------------------------------------------------------------------ kill points

    /** Push to one replica, kill it mid-batch, retry on another as a partner's client would. */
    Kill killDuringPush(int n, String partner, Path file, int records, long delayMs) throws Exception {
        Hub victim = alive.get(0);
        Hub survivor = alive.get(1);
        byte[] body = Files.readAllBytes(file);
        String user = partner + "-it";
        var push = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return victim.api().post(user, "/api/feeds/" + partner, body);
            } catch (RuntimeException e) {
                return null; // the connection died with the replica
            }
        });
        await(Duration.ofSeconds(60), "the push's batch opens on " + victim.name, () ->
                count("select count(*) from batch where partner = '" + partner + "' and source = 'PUSH' and replica_id = '"
                        + victim.name + "'") > 0);
        Thread.sleep(delayMs);
        Instant killedAt = kill(victim);
        Api.Response first = push.get();
        assertThat(first == null || first.status() == 202).as("the push either died or was kept").isTrue();
        // The client's retry, on the survivor: finishes the batch (all of it, or nothing new if it had been kept).
        Api.Response retry = survivor.api().post(user, "/api/feeds/" + partner, body);
        long recovery = Duration.between(killedAt, Instant.now()).toMillis();
        assertThat(retry.status()).as(retry.body()).isEqualTo(202);
        boolean midBatch = abandonedBy(victim.name) > 0;
        assertThat(retry.json().get("status").asText()).isEqualTo("COMPLETED");
        if (!midBatch) {
            assertThat(retry.json().get("accepted").asInt()).as("kept before the kill: the retry adds nothing").isZero();
        }
        return new Kill(n, "PUSH", partner, victim.name, delayMs, records, midBatch, recovery);
    }

    /**
     * Drop the files, kill the replica that leads the partner's inbox while it works through them; the other takes
     * the inbox over and finishes them, the one in flight included.
     */
    Kill killDuringFileDrop(int n, String partner, List<Path> files, int records, long delayMs, int round) throws Exception {
        Path inbox = home.resolve("work/inbox").resolve(partner);
        Files.createDirectories(inbox);
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            String name = "round" + round + "-" + file.getFileName();
            Path part = inbox.resolve(name + ".part");
            Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE); // appears whole, as an SFTP rename does
            names.add(name);
        }
        String ours = "partner = '" + partner + "' and source = 'FILE' and source_name like 'round" + round + "-%'";
        await(Duration.ofSeconds(60), "the first file's batch opens", () ->
                count("select count(*) from batch where " + ours) > 0);
        String leader = jdbc.queryForObject("select replica_id from batch where " + ours + " order by started_at limit 1", String.class);
        Hub victim = alive.stream().filter(h -> h.name.equals(leader)).findFirst().orElseThrow();
        Thread.sleep(delayMs);
        Instant killedAt = kill(victim);
        // Recovered: every file kept by a replica and gone from the inbox (moved to done/ after its batch).
        await(Duration.ofSeconds(180), "the survivor takes the inbox over and keeps every file", () -> {
            for (String name : names) {
                if (Files.exists(inbox.resolve(name)) || count("select count(*) from batch where " + ours
                        + " and status = 'COMPLETED' and source_name = '" + name.replace("'", "''") + "'") == 0) {
                    return false;
                }
            }
            return true;
        });
        long recovery = Duration.between(killedAt, Instant.now()).toMillis();
        return new Kill(n, "FILE", partner, victim.name, delayMs, records, abandonedBy(victim.name) > 0, recovery);
    }

    static int abandonedBy(String replica) throws Exception {
        await(Duration.ofSeconds(30), "the dead replica's batches settled", () ->
                count("select count(*) from batch where status = 'PROCESSING' and replica_id = '" + replica + "'") == 0);
        return count("select count(*) from batch where status = 'FAILED' and error like 'abandoned:%' and replica_id = '"
                + replica + "'");
    }

    static Instant kill(Hub victim) throws InterruptedException {
        victim.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful close of anything
        Instant at = Instant.now();
        victim.process.waitFor();
        alive.remove(victim);
        // batches the victim had kept but not yet linked: a survivor links them (UnlinkedBatches)
        unlinkedAtKills += count("select count(*) from batch where link_pending and replica_id = '" + victim.name + "'");
        return at;
    }

    // ------------------------------------------------------------------------------------------------ processes

    static Hub startHub() throws Exception {
        String name = "r" + (++started);
        Path log = home.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(PackagedJarIT.javaBin(), "-Xmx1g", "-jar", PackagedJarIT.jar().toString(),
                "--server.port=0", "--familyhub.replica-id=" + name, "--familyhub.demo.seed-on-first-start=false",
                "--familyhub.file-drop.delay=300", "--familyhub.batches.abandoned-check=1s")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPRING_DATASOURCE_URL", pg.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", pg.username());
        env.put("SPRING_DATASOURCE_PASSWORD", pg.password());
        env.put("FAMILYHUB_HOME", home.toString());
        env.put("FAMILYHUB_OUTBOUND_EARLYHELP_URL", caseSystem.url());
        env.put("FAMILYHUB_OUTBOUND_EARLYHELP_PERIOD", "500");
        Process p = pb.start();
        await(START, name + " starts (log " + log + ")", () -> {
            if (!p.isAlive()) {
                throw new AssertionError(name + " exited:\n" + PackagedJarIT.tail(log));
            }
            return PackagedJarIT.PORT.matcher(Files.readString(log)).find();
        });
        Matcher m = PackagedJarIT.PORT.matcher(Files.readString(log));
        m.find();
        Hub hub = new Hub(name, p, Integer.parseInt(m.group(1)), log);
        all.add(hub);
        await(Duration.ofSeconds(30), name + " healthy", () -> hub.api().get(null, "/actuator/health").status() == 200);
        return hub;
    }

    // ------------------------------------------------------------------------------------------------ data

    /** The jar's own generator ({@code generate}), as a deployer would run it. */
    static Path generate(int round) throws Exception {
        Path out = estates.resolve("round" + round);
        Process p = new ProcessBuilder(PackagedJarIT.javaBin(), "-jar", PackagedJarIT.jar().toString(), "generate",
                "--families", String.valueOf(FAMILIES), "--seed", String.valueOf(SEED + round), "--out", out.toString(),
                "--batch-size", "1000000").redirectErrorStream(true).redirectOutput(home.resolve("generate.log").toFile()).start();
        assertThat(p.waitFor()).as(Files.readString(home.resolve("generate.log"))).isZero();
        return out;
    }

    /** Adds the records of a partner's file that a clean run keeps: those of the ground truth not malformed. */
    static void groundTruth(Path estate, String partner, Map<String, Set<String>> expected) throws IOException {
        for (CSVRecord row : truthRows(estate)) {
            if (row.get("partner").equals(partner) && row.get("malformed").isEmpty()) {
                expected.computeIfAbsent(row.get("partner"), k -> new HashSet<>()).add(row.get("source_record_id"));
            }
        }
    }

    static long expectedOf(Path estate, String partner) throws IOException {
        return truthRows(estate).stream().filter(r -> r.get("partner").equals(partner)).count();
    }

    static List<CSVRecord> truthRows(Path estate) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(estate.resolve("ground-truth.csv"), StandardCharsets.UTF_8)) {
            return format.parse(in).getRecords();
        }
    }

    static List<Path> files(Path estate, String partner) throws IOException {
        try (Stream<Path> s = Files.list(estate.resolve(partner))) {
            return s.sorted().toList();
        }
    }

    static Path onlyFile(Path estate, String partner) throws IOException {
        try (Stream<Path> s = Files.list(estate.resolve(partner))) {
            List<Path> files = s.sorted().toList();
            assertThat(files).as(partner + " files").hasSize(1);
            return files.get(0);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    static void await(Duration max, String what, PackagedJarIT.Check check) throws Exception {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                // not yet
            }
            Thread.sleep(50);
        }
        StringBuilder logs = new StringBuilder();
        for (Hub h : alive) {
            logs.append("\n--- ").append(h.name).append(" ---\n").append(PackagedJarIT.tail(h.log));
        }
        throw new AssertionError("not within " + max + ": " + what + logs);
    }
}
