package org.familyhub;

import java.util.Arrays;
import org.familyhub.bench.IngestBenchmark;
import org.familyhub.linkage.EvaluateCommand;
import org.familyhub.synth.SynthCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code java -jar familyhub.jar} runs the hub. Sub-commands run without the web server:
 * {@code generate --families N --seed S --out DIR} writes a synthetic estate; {@code bench --records N} measures ingest;
 * {@code evaluate --febrl DIR | --synthetic --families N --seed S} measures person linkage against ground truth.
 */
@SpringBootApplication
public class FamilyhubApplication {

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "generate" -> System.exit(new SynthCommand().run(rest));
            case "bench" -> System.exit(IngestBenchmark.run(rest));
            case "evaluate" -> System.exit(new EvaluateCommand().run(rest));
            default -> SpringApplication.run(FamilyhubApplication.class, args);
        }
    }
}
