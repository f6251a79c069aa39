package org.familyhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent, from Linux's {@code /proc}: this JVM's threads by what they do (the bench's ingest threads, the
 * linking thread, the parallel comparisons, the garbage collector, the JIT compilers, the rest) and every PostgreSQL process on the machine. On 2
 * cores the pipeline is bound by CPU, so where the CPU goes says more than wall time per stage. Empty elsewhere.
 */
final class CpuUse {

    /** Clock ticks a second of {@code /proc/.../stat}: 100 on Linux for x86 and arm (USER_HZ). */
    private static final double TICKS = 100.0;
    private static final Path PROC = Path.of("/proc");
    /** The bench's threads that push files through the pipeline (parse, validate, gate, stage). */
    static final String INGEST_THREAD = "bench-ingest-";

    private final Map<String, Double> seconds;

    private CpuUse(Map<String, Double> seconds) {
        this.seconds = seconds;
    }

    static CpuUse now() {
        Map<String, Double> s = new LinkedHashMap<>();
        if (!Files.isDirectory(PROC.resolve("self/task"))) {
            return new CpuUse(s);
        }
        s.put("jvm", ticks(PROC.resolve("self/stat")));
        try (Stream<Path> tasks = Files.list(PROC.resolve("self/task"))) {
            tasks.forEach(t -> s.merge(group(read(t.resolve("comm")).strip()), ticks(t.resolve("stat")), Double::sum));
        } catch (IOException e) {
            return new CpuUse(Map.of());
        }
        try (Stream<Path> all = Files.list(PROC)) {
            all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> read(p.resolve("cmdline")).startsWith("postgres"))
                    .forEach(p -> s.merge("postgresql", ticks(p.resolve("stat")), Double::sum));
        } catch (IOException e) {
            s.remove("postgresql");
        }
        return new CpuUse(s);
    }

    /** What a thread does, by the name the JVM or the hub gives it. */
    static String group(String thread) {
        if (thread.startsWith("familyhub-linke")) {
            return "linking thread";
        }
        if (thread.startsWith(INGEST_THREAD)) {
            return "ingest threads";
        }
        if (thread.startsWith("ForkJoinPool")) {
            return "parallel comparisons";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.startsWith("VM Thread")) {
            return "GC";
        }
        if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
            return "JIT";
        }
        return "other";
    }

    /**
     * What was spent since {@code before}, one line. Threads that ended meanwhile count in the JVM's total and in
     * "other"; PostgreSQL backends that ended meanwhile are not counted.
     */
    String since(CpuUse before, double wallSeconds) {
        if (seconds.isEmpty() || before.seconds.isEmpty()) {
            return "CPU: not measured (no /proc)";
        }
        Map<String, Double> d = new LinkedHashMap<>();
        seconds.forEach((k, v) -> d.put(k, v - before.seconds.getOrDefault(k, 0.0)));
        double jvm = d.remove("jvm");
        double postgres = d.getOrDefault("postgresql", 0.0);
        d.remove("postgresql");
        double threads = d.values().stream().mapToDouble(Double::doubleValue).sum();
        d.merge("other", jvm - threads, Double::sum); // threads that ended
        StringBuilder out = new StringBuilder(String.format("CPU (/proc): JVM %.0f s (", jvm));
        String sep = "";
        for (String g : new String[] {"ingest threads", "linking thread", "parallel comparisons", "GC", "JIT", "other"}) {
            out.append(sep).append(String.format("%s %.0f", g, d.getOrDefault(g, 0.0)));
            sep = ", ";
        }
        out.append(String.format("), PostgreSQL %.0f s: %.0f CPU-seconds in %.1f s on %d cores", postgres, jvm + postgres,
                wallSeconds, Runtime.getRuntime().availableProcessors()));
        return out.toString();
    }

    private static double ticks(Path stat) {
        String s = read(stat);
        int end = s.lastIndexOf(')');
        if (end < 0) {
            return 0;
        }
        String[] f = s.substring(end + 2).split(" ");
        // after the name: state is field 3 of stat, so utime (14) and stime (15) are at 11 and 12 here
        return f.length > 12 ? (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS : 0;
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return ""; // a process or thread that ended while read
        }
    }
}
