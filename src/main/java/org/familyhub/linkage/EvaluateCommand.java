package org.familyhub.linkage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.familyhub.connector.format.UnreadableFeedException;
import org.familyhub.synth.EstateGenerator;

/**
 * {@code evaluate --febrl DIR} and {@code evaluate --synthetic [--families N] [--seed S]}: links, then reports
 * precision, recall and F1 of person linkage against ground truth, with comparisons, time and peak heap.
 * {@code --configured-weights} skips estimation. Returns an exit code (0 ok, 2 bad arguments, 1 failure).
 */
public final class EvaluateCommand {

    static final String USAGE = "usage: evaluate --febrl DIR | --synthetic [--families N] [--seed S]  [--configured-weights]";

    private final PrintStream out;
    private final PrintStream err;

    public EvaluateCommand() {
        this(System.out, System.err);
    }

    public EvaluateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new EvaluateCommand().run(args));
    }

    /** One evaluation's figures. */
    public record Report(String dataset, int records, long comparisons, PairMetrics metrics, int reviews,
                         long estimateMillis, long linkMillis, long peakHeapMb) {
    }

    public int run(String[] args) {
        Path febrl = null;
        boolean synthetic = false;
        int families = 2000;
        long seed = 7;
        boolean estimate = true;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--febrl" -> febrl = Path.of(args[++i]);
                    case "--synthetic" -> synthetic = true;
                    case "--families" -> families = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--configured-weights" -> estimate = false;
                    default -> {
                        return usage("unknown option " + args[i]);
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return usage("bad or missing value");
        }
        if (febrl == null && !synthetic) {
            return usage("say --febrl DIR or --synthetic");
        }
        LinkageConfig config = estimate ? LinkageConfig.standard() : LinkageConfig.standard().withoutEstimation();
        try {
            if (febrl != null) {
                print(febrl(febrl, config));
            }
            if (synthetic) {
                print(synthetic(families, seed, config));
            }
            return 0;
        } catch (IOException | UnreadableFeedException | RuntimeException e) {
            err.println("evaluate failed: " + e);
            return 1;
        }
    }

    private int usage(String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }

    private void print(Report r) {
        long n = r.records();
        out.printf("%s: %d records%n", r.dataset(), n);
        out.printf("  %s%n", r.metrics());
        out.printf("  comparisons %d (all pairs would be %d: %.4f%%), review queue %d pairs%n", r.comparisons(),
                n * (n - 1) / 2, 100.0 * r.comparisons() / Math.max(1, n * (n - 1) / 2), r.reviews());
        out.printf("  time: estimate %d ms, link %d ms, total %d ms; peak heap %d MB%n", r.estimateMillis(),
                r.linkMillis(), r.estimateMillis() + r.linkMillis(), r.peakHeapMb());
    }

    /** FEBRL 4: file a, then file b as a second batch; scored over pairs with one record from each file. */
    public static Report febrl(Path dir, LinkageConfig config) throws IOException {
        List<PersonRecord> a = FebrlRows.read(dir.resolve("dataset4a.csv"));
        List<PersonRecord> b = FebrlRows.read(dir.resolve("dataset4b.csv"));
        Map<String, String> truth = new HashMap<>();
        for (PersonRecord r : a) {
            truth.put(r.key(), FebrlRows.entity(r.key()));
        }
        for (PersonRecord r : b) {
            truth.put(r.key(), FebrlRows.entity(r.key()));
        }
        List<PersonRecord> all = new ArrayList<>(a);
        all.addAll(b);
        return link("FEBRL 4 (" + dir + ")", List.of(a, b), all, config, truth, true);
    }

    /** A generated estate, parsed by the partner formats and linked one partner file at a time. */
    public static Report synthetic(int families, long seed, LinkageConfig config) throws IOException, UnreadableFeedException {
        Path dir = Files.createTempDirectory("familyhub-estate");
        try {
            LocalDate today = LocalDate.of(2026, 1, 15);
            new EstateGenerator().generate(families, seed, dir, 5000, today);
            SyntheticEstate estate = SyntheticEstate.read(dir, today);
            return link("synthetic estate (" + families + " families, seed " + seed + ")", estate.batches(), estate.all(),
                    config, estate.truth(), false);
        } finally {
            deleteTree(dir);
        }
    }

    private static Report link(String name, List<List<PersonRecord>> batches, List<PersonRecord> all, LinkageConfig config,
                               Map<String, String> truth, boolean crossFiles) {
        try (HeapSampler heap = new HeapSampler()) {
            long t0 = System.nanoTime();
            MatchModel model = new ModelEstimator(config).estimate(all);
            long t1 = System.nanoTime();
            PersonIndex index = new PersonIndex(config, model);
            Map<String, String> predicted = new HashMap<>();
            int reviews = 0;
            for (List<PersonRecord> batch : batches) {
                reviews += index.add(batch).reviews().size();
            }
            for (PersonRecord r : all) {
                predicted.put(r.key(), index.personOf(r.key()));
            }
            long t2 = System.nanoTime();
            PairMetrics metrics = crossFiles
                    ? LinkageEvaluation.crossPairs(predicted, truth, k -> k.endsWith("-org"))
                    : LinkageEvaluation.allPairs(predicted, truth);
            return new Report(name, all.size(), index.comparisons(), metrics, reviews, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, heap.peakMegabytes());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
