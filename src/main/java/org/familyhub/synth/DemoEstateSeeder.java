package org.familyhub.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import java.io.Reader;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.familyhub.config.HubPaths;
import org.familyhub.consent.Consent;
import org.familyhub.consent.ConsentStore;
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
    private final ConsentStore consents;
    private final int families;
    private final long seed;

    public DemoEstateSeeder(HubPaths paths, ConsentStore consents, @Value("${familyhub.demo.families:300}") int families,
                            @Value("${familyhub.demo.seed:42}") long seed) {
        this.paths = paths;
        this.consents = consents;
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
        int recorded = recordDemoConsents(estate.resolve("ground-truth-people.csv"));
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
                + "into the partner inboxes under {}; ground truth in {}; {} demo consents to health data recorded",
                families, summary.records(), summary.malformed(), paths.work().resolve("inbox"),
                estate.resolve("ground-truth.csv"), recorded);
    }

    /**
     * Health data is kept only with consent. In the demo, most people (four in five, chosen by their id) have given
     * it, as if the early-help team had asked them, so the health feed shows both outcomes: kept and refused.
     */
    private int recordDemoConsents(Path people) throws IOException {
        int n = 0;
        try (Reader in = Files.newBufferedReader(people);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord p : csv) {
                String nhs = p.get("nhs_number");
                if (nhs.isBlank() || Math.floorMod(p.get("person_id").hashCode(), 5) == 0) {
                    continue;
                }
                LocalDate dob = LocalDate.parse(p.get("date_of_birth"));
                boolean child = dob.isAfter(LocalDate.now().minusYears(16));
                consents.record(new Consent(null, new Consent.ConsentPerson(p.get("given_name"), p.get("family_name"), dob,
                        p.get("postcode"), nhs, null, null), Set.of("health"),
                        Set.of("health-physical", "health-mental", "substance-misuse"),
                        Set.of("assessment", "case-coordination", "outcome-evidence"), child ? "PARENT" : "SELF",
                        LocalDate.now().minusMonths(6), null, "demo consent form " + p.get("person_id"), null), "demo-estate");
                n++;
            }
        }
        return n;
    }
}
