package org.familyhub.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsCsvFileTest {

    @TempDir
    Path folder;

    private static Claim claim(String family, List<Map<String, Object>> evidence) {
        return new Claim(Claim.id(family, "tf-2015", "sustained-progress"), family, "tf-2015", "sustained-progress", "2026-Q4",
                LocalDate.of(2026, 11, 27), LocalDate.of(2026, 4, 2), evidence, null, "PENDING", null);
    }

    private static final Map<String, Object> CRIME = Map.of("criterion", "crime-asb", "progress", "no-crime-asb",
            "result", "criterion met", "finding", "no record from 2026-05-28 to 2026-11-27, \"quoted\"",
            "records", List.of(Map.of("role", "ATTACHMENT", "personId", "P000000001", "partner", "police",
                    "sourceRecordId", "INC-1|Kayleigh|Smith|1989-04-12", "category", "crime-asb", "observedAt", "2026-03-01",
                    "basis", List.of("isa-police", "cda-1998-s115"))));
    private static final Map<String, Object> WITHHELD = Map.of("criterion", "worklessness-financial-exclusion",
            "progress", "off-out-of-work-benefits", "result", "criterion met", "detailsWithheld", true, "records", List.of());

    private List<CSVRecord> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    @Test
    void oneRowPerEvidenceRecordAndOneForAnItemWithout() throws IOException {
        Claim c = claim("F000000001", List.of(CRIME, WITHHELD));
        Path file = ClaimsCsvFile.write(folder, "2026-Q4", List.of(c));
        assertThat(file.getFileName().toString()).isEqualTo("claims-2026-Q4.csv");
        List<CSVRecord> rows = read(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("claim_id")).isEqualTo(c.claimId().toString());
        assertThat(rows.get(0).get("finding")).isEqualTo("no record from 2026-05-28 to 2026-11-27, \"quoted\"");
        assertThat(rows.get(0).get("source_record_id")).isEqualTo("INC-1|Kayleigh|Smith|1989-04-12");
        assertThat(rows.get(0).get("basis")).isEqualTo("isa-police;cda-1998-s115");
        assertThat(rows.get(1).get("criterion")).isEqualTo("worklessness-financial-exclusion");
        assertThat(rows.get(1).get("result")).isEqualTo("criterion met");
        assertThat(rows.get(1).get("partner")).isEmpty();
        assertThat(rows.get(1).get("observed_at")).isEmpty();
    }

    @Test
    void aRewriteReplacesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
        ClaimsCsvFile.write(folder, "2026-Q4", List.of(claim("F000000001", List.of(CRIME))));
        Path file = ClaimsCsvFile.write(folder, "2026-Q4",
                List.of(claim("F000000001", List.of(CRIME)), claim("F000000002", List.of(CRIME, WITHHELD))));
        assertThat(read(file)).extracting(r -> r.get("family_id")).containsExactly("F000000001", "F000000002", "F000000002");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }
}
