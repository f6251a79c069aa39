package org.familyhub.linkage;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.familyhub.connector.format.FeedFormats;
import org.familyhub.connector.format.FeedText;
import org.familyhub.connector.format.ParsedItem;
import org.familyhub.connector.format.UnreadableFeedException;

/** A generated estate read back through the partner parsers, with its ground truth (record key → true person). */
public record SyntheticEstate(List<List<PersonRecord>> batches, Map<String, String> truth) {

    private static final Map<String, String> FORMAT_OF = Map.of("police", "police-csv", "school", "school-xml",
            "health", "health-fhir-bundle", "probation", "probation-json", "housing", "housing-csv", "dwp", "dwp-csv");
    private static final List<String> PARTNERS = List.of("police", "school", "health", "probation", "housing", "dwp");

    /** One batch per partner file, in partner then file order; malformed records (per ground truth) are left out. */
    public static SyntheticEstate read(Path dir, LocalDate receivedOn) throws IOException, UnreadableFeedException {
        Map<String, String> truth = groundTruth(dir.resolve("ground-truth.csv"));
        FeedFormats formats = FeedFormats.standard();
        List<List<PersonRecord>> batches = new ArrayList<>();
        for (String partner : PARTNERS) {
            Path folder = dir.resolve(partner);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                String text = FeedText.decode(Files.readAllBytes(file));
                List<PersonRecord> batch = new ArrayList<>();
                for (ParsedItem item : formats.get(FORMAT_OF.get(partner)).parse(partner, text, receivedOn)) {
                    if (item.isOk()) {
                        PersonRecord r = PersonRecord.of(item.record());
                        if (truth.containsKey(r.key())) {
                            batch.add(r);
                        }
                    }
                }
                batches.add(batch);
            }
        }
        return new SyntheticEstate(batches, truth);
    }

    public int records() {
        return batches.stream().mapToInt(List::size).sum();
    }

    public List<PersonRecord> all() {
        List<PersonRecord> all = new ArrayList<>(records());
        batches.forEach(all::addAll);
        return all;
    }

    private static Map<String, String> groundTruth(Path file) throws IOException {
        Map<String, String> truth = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : format.parse(in)) {
                String malformed = row.get("malformed");
                if (malformed == null || malformed.isBlank()) {
                    truth.put(row.get("partner") + "|" + row.get("source_record_id"), row.get("person_id"));
                }
            }
        }
        return truth;
    }
}
