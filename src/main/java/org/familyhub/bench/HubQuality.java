package org.familyhub.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.familyhub.linkage.LinkageEvaluation;
import org.familyhub.linkage.PairMetrics;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Linkage and family quality of what the hub stored, against the generator's ground truth: pairs of stored records
 * the hub put in one person (one family) against pairs that truly are. Records the hub refused or quarantined are
 * not in the store and not counted.
 */
public final class HubQuality {

    private HubQuality() {
    }

    public record Result(PairMetrics persons, PairMetrics families, int records) {
    }

    public static Result measure(JdbcTemplate jdbc, Path groundTruth) throws IOException {
        return measure(jdbc, groundTruth, null);
    }

    /**
     * @param assignments if not null, a CSV written there of each stored record's hub person, hub family, the basis
     *                    of that membership and the person's chosen home, beside its true person and family: what a
     *                    look at the missed and wrong family pairs needs
     */
    public static Result measure(JdbcTemplate jdbc, Path groundTruth, Path assignments) throws IOException {
        Map<String, String> truePerson = new HashMap<>();
        Map<String, String> trueFamily = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(groundTruth, StandardCharsets.UTF_8)) {
            for (CSVRecord row : format.parse(in)) {
                String key = row.get("partner") + "|" + row.get("source_record_id");
                truePerson.put(key, row.get("person_id"));
                trueFamily.put(key, row.get("family_id"));
            }
        }
        Map<String, String> person = new HashMap<>();
        Map<String, String> family = new HashMap<>();
        // a person's family: the household they live in, else the family that names them (a parent living elsewhere)
        List<String[]> rows = new ArrayList<>();
        jdbc.query("""
                select l.record_key, l.person_id, m.family_id, m.basis, p.home_key
                  from person_link l
                  left join person p on p.person_id = l.person_id
                  left join lateral (select m.family_id, m.basis from family_member m where m.person_id = l.person_id
                                      order by m.basis, m.family_id limit 1) m on true""", rs -> {
            String key = rs.getString(1);
            if (truePerson.containsKey(key)) {
                person.put(key, rs.getString(2));
                family.put(key, rs.getString(3) == null ? "none:" + rs.getString(2) : rs.getString(3));
                if (assignments != null) {
                    rows.add(new String[] {key, truePerson.get(key), trueFamily.get(key), rs.getString(2),
                            family.get(key), rs.getString(4), rs.getString(5)});
                }
            }
        });
        if (assignments != null) {
            try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(assignments, StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT.builder().setHeader("record_key", "true_person", "true_family", "hub_person",
                            "hub_family", "basis", "home_key").get())) {
                for (String[] row : rows) {
                    out.printRecord((Object[]) row);
                }
            }
        }
        Map<String, String> personTruth = new HashMap<>();
        Map<String, String> familyTruth = new HashMap<>();
        person.keySet().forEach(k -> {
            personTruth.put(k, truePerson.get(k));
            familyTruth.put(k, trueFamily.get(k));
        });
        return new Result(LinkageEvaluation.allPairs(person, personTruth), LinkageEvaluation.allPairs(family, familyTruth),
                person.size());
    }
}
