package org.familyhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import org.familyhub.FamilyhubApplication;
import org.familyhub.connector.ConnectorCatalog;
import org.familyhub.connector.ConnectorDefinition;
import org.familyhub.connector.FeedIngestion;
import org.familyhub.ingest.BatchRepository;
import org.familyhub.ingest.BatchSource;
import org.familyhub.ingest.BatchView;
import org.familyhub.linkage.store.ResidentPersonIndex;
import org.familyhub.synth.EstateGenerator;
import org.familyhub.synth.EstateSummary;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code java -jar familyhub.jar bench [--records N] [--threads T] [--seed S] [--batch-size B] [--pg-stats true]
 * [--wait-for-link false] [--assignments FILE] [--familyhub.SETTING VALUE]}:
 * generates a
 * synthetic estate of about
 * N records, starts the hub on a fresh embedded PostgreSQL (fsync on, as in production), pushes every file through the
 * ingest pipeline (parse, validate, gate, stage) and prints records per second. Figures, not assertions.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static int run(String[] args) {
        Map<String, String> opts = options(args);
        long records = Long.parseLong(opts.getOrDefault("records", "100000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        long seed = Long.parseLong(opts.getOrDefault("seed", "7"));
        boolean pgStats = Boolean.parseBoolean(opts.getOrDefault("pg-stats", "false"));
        int batchSize = Integer.parseInt(opts.getOrDefault("batch-size", "5000"));
        try {
            Path dir = Files.createTempDirectory("familyhub-bench");
            // 0755: as root, the embedded PostgreSQL runs as nobody and must reach its data folder inside.
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            int families = (int) Math.max(1, records / 8.3);
            long t0 = System.nanoTime();
            EstateSummary estate = new EstateGenerator().generate(families, seed, dir.resolve("estate"), batchSize, LocalDate.now());
            double genSeconds = seconds(t0);
            System.out.printf("generate: %,d families, %,d records in %d files: %.1f s%n", families, estate.records(),
                    estate.files(), genSeconds);

            // Command-line arguments outrank application.yml (builder properties would not): no demo estate here.
            List<String> appArgs = new ArrayList<>(List.of(
                    "--server.port=0", "--familyhub.work-dir=" + dir.resolve("work"),
                    "--familyhub.embedded-db.data-dir=" + dir.resolve("pgdata"), "--familyhub.demo.seed-on-first-start=false",
                    "--logging.level.root=WARN", "--logging.level.org.familyhub=WARN",
                    "--familyhub.linkage.wait-for-link=" + opts.getOrDefault("wait-for-link", "true")));
            // any hub setting, e.g. --familyhub.linkage.group-records 250000
            opts.forEach((k, v) -> {
                if (k.startsWith("familyhub.")) {
                    appArgs.add("--" + k + "=" + v);
                }
            });
            if (pgStats) {
                appArgs.add("--familyhub.embedded-db.settings=shared_preload_libraries=pg_stat_statements;"
                        + "pg_stat_statements.track=all");
            }
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(FamilyhubApplication.class).run(
                    appArgs.toArray(String[]::new))) {
                JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
                if (pgStats) {
                    jdbc.execute("create extension if not exists pg_stat_statements");
                    jdbc.execute("select pg_stat_statements_reset()");
                }
                ConnectorCatalog catalog = ctx.getBean(ConnectorCatalog.class);
                FeedIngestion ingestion = ctx.getBean(FeedIngestion.class);
                BatchRepository batches = ctx.getBean(BatchRepository.class);
                // Partners' files interleaved, as feeds arrive in life: batches of one partner take turns on its
                // staging lock, so a queue of one partner's files only would measure that lock, not the pipeline.
                List<List<Job>> perPartnerJobs = new ArrayList<>();
                for (String partner : EstateGenerator.PARTNERS) {
                    ConnectorDefinition c = catalog.find(partner).orElseThrow();
                    try (Stream<Path> files = Files.list(dir.resolve("estate").resolve(partner))) {
                        perPartnerJobs.add(files.sorted().map(f -> new Job(c, f)).toList());
                    }
                }
                List<Job> jobs = new ArrayList<>();
                for (int i = 0; jobs.size() < perPartnerJobs.stream().mapToInt(List::size).sum(); i++) {
                    for (List<Job> partnerJobs : perPartnerJobs) {
                        if (i < partnerJobs.size()) {
                            jobs.add(partnerJobs.get(i));
                        }
                    }
                }
                java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(threads,
                        r -> new Thread(r, CpuUse.INGEST_THREAD + n.incrementAndGet()));
                CpuUse cpuBefore = CpuUse.now();
                long t1 = System.nanoTime();
                List<Future<BatchView>> results = new ArrayList<>();
                for (Job job : jobs) {
                    results.add(pool.submit(() -> {
                        FeedIngestion.Result r = ingestion.ingest(job.connector, Files.readAllBytes(job.file), BatchSource.PUSH,
                                job.file.getFileName().toString());
                        return batches.find(job.connector.partner(), r.batchId()).orElseThrow();
                    }));
                }
                Map<String, long[]> perPartner = new TreeMap<>();
                for (Future<BatchView> f : results) {
                    BatchView b = f.get();
                    long[] c = perPartner.computeIfAbsent(b.partner(), k -> new long[5]);
                    c[0] += b.received();
                    c[1] += b.accepted();
                    c[2] += b.quarantined();
                    c[3] += b.refused();
                    c[4] += b.duplicate();
                }
                double keptSeconds = seconds(t1);
                MeterRegistry meters = ctx.getBean(MeterRegistry.class);
                // linked behind the answers (wait-for-link false), or a batch whose linking failed: the run ends
                // when every kept batch is linked
                while (jdbc.queryForObject("select count(*) from batch where link_pending", Long.class) > 0) {
                    Thread.sleep(200);
                }
                double ingestSeconds = seconds(t1);
                CpuUse cpuAfter = CpuUse.now();
                pool.shutdown();
                long received = perPartner.values().stream().mapToLong(c -> c[0]).sum();
                System.out.printf("%-10s %10s %10s %11s %8s %9s%n", "partner", "received", "accepted", "quarantined", "refused", "duplicate");
                perPartner.forEach((p, c) -> System.out.printf("%-10s %,10d %,10d %,11d %,8d %,9d%n", p, c[0], c[1], c[2], c[3], c[4]));
                System.out.printf("ingest: %,d records in %d batches, %d threads: %.1f s = %,.0f records/s"
                                + " (every batch answered after %.1f s; wait-for-link %s)%n",
                        received, jobs.size(), threads, ingestSeconds, received / ingestSeconds, keptSeconds,
                        opts.getOrDefault("wait-for-link", "true"));
                System.out.println(cpuAfter.since(cpuBefore, ingestSeconds));
                var groups = meters.find("familyhub.linkage.group.batches").summary();
                if (groups != null) {
                    System.out.printf("linking: %,d transactions, %.1f kept batches each on average, %.0f at most%n",
                            groups.count(), groups.mean(), groups.max());
                }
                StringBuilder stages = new StringBuilder("time per stage (summed over threads):");
                for (String stage : List.of("parse", "validate", "gate", "stage", "wait", "link", "family")) {
                    double total = meters.find("familyhub.ingest.stage").tag("stage", stage).timers().stream()
                            .mapToDouble(t -> t.totalTime(TimeUnit.SECONDS)).sum();
                    stages.append(String.format(" %s %.1f s", stage, total));
                }
                System.out.println(stages);
                System.out.println("(wait, link and family run in the linking transaction, after stage's: wait is for the"
                        + " linking lock, held by one linking transaction at a time)");
                StringBuilder phases = new StringBuilder("family by phase:");
                meters.find("familyhub.family.phase").timers().forEach(t -> phases.append(String.format(" %s %.1f s",
                        t.getId().getTag("phase"), t.totalTime(TimeUnit.SECONDS))));
                System.out.println(phases);
                StringBuilder linkPhases = new StringBuilder("linking by phase:");
                meters.find("familyhub.linkage.phase").timers().forEach(t -> linkPhases.append(String.format(" %s %.1f s",
                        t.getId().getTag("phase"), t.totalTime(TimeUnit.SECONDS))));
                System.out.println(linkPhases);
                if (pgStats) {
                    printStatementStats(jdbc);
                }
                printResidentIndex(ctx);
                HubQuality.Result q = HubQuality.measure(jdbc, estate.groundTruth(),
                        opts.containsKey("assignments") ? Path.of(opts.get("assignments")) : null);
                System.out.printf("linkage of %,d stored records against ground truth: persons %s%n", q.records(), q.persons());
                System.out.printf("families: %s%n", q.families());
                System.out.printf("review queue: %,d pairs open%n",
                        jdbc.queryForObject("select count(*) from linkage_review where decision is null", Long.class));
                System.out.println("estate and its ground truth: " + dir.resolve("estate"));
            }
            return 0;
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** What the resident person index costs: a reload from the database (after a purge or rollback) and its heap. */
    private static void printResidentIndex(ConfigurableApplicationContext ctx) {
        ResidentPersonIndex resident = ctx.getBean(ResidentPersonIndex.class);
        TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
        resident.forget();
        long without = usedHeap();
        long t0 = System.nanoTime();
        tx.executeWithoutResult(s -> resident.current());
        double reload = seconds(t0);
        long with = usedHeap();
        int records = resident.size();
        System.out.printf("resident person index: %,d records reloaded in %.1f s; heap %,d MB (%,d bytes a record)%n",
                records, reload, (with - without) >> 20, records == 0 ? 0 : (with - without) / records);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** {@code --pg-stats true}: the statements the database spent most time on during the ingest. */
    private static void printStatementStats(JdbcTemplate jdbc) {
        System.out.println("database time by statement (pg_stat_statements, top 30):");
        System.out.printf("%10s %10s %10s %12s  %s%n", "total ms", "calls", "ms/call", "rows", "statement");
        jdbc.query("""
                select total_exec_time, calls, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')
                  from pg_stat_statements order by total_exec_time desc limit 30""",
                rs -> {
                    String q = rs.getString(5);
                    System.out.printf("%,10.0f %,10d %10.2f %,12d  %s%n", rs.getDouble(1), rs.getLong(2), rs.getDouble(3),
                            rs.getLong(4), q.length() > 200 ? q.substring(0, 200) + "..." : q);
                });
    }

    private record Job(ConnectorDefinition connector, Path file) {
    }

    private static double seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toMillis() / 1000.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return m;
    }
}
