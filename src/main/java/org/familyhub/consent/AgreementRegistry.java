package org.familyhub.consent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.familyhub.config.HubPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The approved baseline of sharing agreements, read from {@code consent/agreements/*.yaml} at start-up. */
@Component
public class AgreementRegistry {

    private static final Logger log = LoggerFactory.getLogger(AgreementRegistry.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final List<SharingAgreement> agreements;

    public AgreementRegistry(HubPaths paths) {
        this.agreements = load(paths.consent().resolve("agreements"));
        log.info("Loaded {} sharing agreements from {}", agreements.size(), paths.consent().resolve("agreements"));
    }

    public List<SharingAgreement> all() {
        return agreements;
    }

    public List<SharingAgreement> forPartner(String partner) {
        return agreements.stream().filter(a -> a.partner().equals(partner)).toList();
    }

    static List<SharingAgreement> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("No sharing agreements folder at " + folder.toAbsolutePath()
                    + ": without agreements every record would be refused");
        }
        List<SharingAgreement> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    result.add(YAML.readValue(f.toFile(), SharingAgreement.class));
                } catch (IOException e) {
                    throw new IllegalStateException("Sharing agreement " + f + " cannot be read: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        result.sort(Comparator.comparing(SharingAgreement::id));
        return List.copyOf(result);
    }
}
