package org.familyhub.synth;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Command line: {@code --families N --seed S --out DIR [--batch-size B] [--today yyyy-MM-dd]}. Returns an exit code
 * (0 ok, 2 bad arguments, 1 failure); never calls {@link System#exit}.
 */
public final class SynthCommand {

    static final String USAGE = "usage: synth --families N --seed S --out DIR [--batch-size B] [--today yyyy-MM-dd]\n"
            + "  defaults: --families 300 --seed 42 --batch-size 5000 --today <today>";

    private final PrintStream out;
    private final PrintStream err;

    public SynthCommand() {
        this(System.out, System.err);
    }

    public SynthCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new SynthCommand().run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    public int run(String[] args) {
        int families = 300;
        long seed = 42;
        Path dir = null;
        int batch = 5000;
        LocalDate today = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    return usage("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--families" -> families = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--out" -> dir = Path.of(v);
                    case "--batch-size" -> batch = Integer.parseInt(v);
                    case "--today" -> today = LocalDate.parse(v);
                    default -> {
                        return usage("unknown option " + a);
                    }
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return usage("bad value: " + e.getMessage());
        }
        if (dir == null) {
            return usage("--out is required");
        }
        if (families < 1 || batch < 1) {
            return usage("--families and --batch-size must be at least 1");
        }
        if (today == null) {
            today = LocalDate.now();
        }
        EstateSummary s;
        try {
            s = new EstateGenerator().generate(families, seed, dir, batch, today);
        } catch (RuntimeException e) {
            err.println("synth failed: " + e);
            return 1;
        }
        out.printf("families %d, people %d, families with two or more problems %d%n", s.families(), s.people(), s.familiesWithTwoNeeds());
        for (Map.Entry<String, EstateSummary.PartnerCount> e : s.partners().entrySet()) {
            out.printf("%-9s files %4d  records %8d  malformed %5d%n", e.getKey(), e.getValue().files(), e.getValue().records(),
                    e.getValue().malformed());
        }
        out.println("ground truth: " + s.groundTruth());
        return 0;
    }

    private int usage(String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }
}
