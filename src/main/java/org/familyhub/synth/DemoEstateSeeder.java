package org.familyhub.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.familyhub.config.HubPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Embedded default only: on the very first start, write a small synthetic estate and move its files into the
 * partners' inboxes, where the file-drop connectors ingest them, so a new user sees data at once. A marker file
 * keeps it to the first start; each file is moved in whole (generated elsewhere, then renamed) so no half file is read.
 */
@Component
@ConditionalOnExpression("${familyhub.demo.seed-on-first-start:false} and '${spring.datasource.url:}'.isEmpty()")
public class DemoEstateSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoEstateSeeder.class);

    private final HubPaths paths;
    private final int families;
    private final long seed;

    public DemoEstateSeeder(HubPaths paths, @Value("${familyhub.demo.families:300}") int families,
                            @Value("${familyhub.demo.seed:42}") long seed) {
        this.paths = paths;
        this.families = families;
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Path marker = paths.work().resolve(".demo-estate-generated");
        if (Files.exists(marker)) {
            return;
        }
        Path estate = paths.work().resolve("demo-estate");
        EstateSummary summary = new EstateGenerator().generate(families, seed, estate, 5000, LocalDate.now());
        for (String partner : EstateGenerator.PARTNERS) {
            Path inbox = paths.inbox(partner);
            Files.createDirectories(inbox);
            List<Path> files;
            try (Stream<Path> s = Files.list(estate.resolve(partner))) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                Files.move(f, inbox.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.writeString(marker, "generated " + summary.records() + " records for " + families + " families, seed " + seed + "\n");
        log.info("First start: generated a synthetic estate of {} families ({} records, about {} malformed on purpose) "
                + "into the partner inboxes under {}; ground truth in {}", families, summary.records(), summary.malformed(),
                paths.work().resolve("inbox"), estate.resolve("ground-truth.csv"));
    }
}
