package org.familyhub.claims;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One CSV file per claim window ({@code claims-<period>.csv}), holding every claim of the window: one row per record
 * of each evidence item (an item without records, e.g. withheld DWP evidence, is one row with the record columns
 * empty). Rewritten whole each time, through a temporary file moved into place, so a reader never sees half a file.
 */
public final class ClaimsCsvFile {

    public static final List<String> COLUMNS = List.of("claim_id", "family_id", "framework", "outcome", "period",
            "attached_on", "evaluated_on", "criterion", "progress", "result", "finding", "from", "to", "role", "person_id",
            "partner", "source_record_id", "category", "observed_at", "basis");

    private ClaimsCsvFile() {
    }

    public static Path file(Path folder, String period) {
        return folder.resolve("claims-" + period.replaceAll("[^A-Za-z0-9-]", "_") + ".csv");
    }

    /** Writes the window's file atomically; returns it. */
    public static Path write(Path folder, String period, List<Claim> claims) {
        Path target = file(folder, period);
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Writer w = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
                for (Claim c : claims) {
                    rows(c, csv);
                }
                csv.flush();
                channel.force(true); // on disk before it takes the file's name
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("claims file " + target + " cannot be written: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the move took it, or there is nothing to clean
            }
        }
    }

    private static void rows(Claim c, CSVPrinter csv) throws IOException {
        for (Map<String, Object> item : c.evidence()) {
            List<Object> head = new ArrayList<>(List.of(c.claimId().toString(), c.familyId(), c.framework(), c.outcome(),
                    c.period(), c.attachedOn().toString(), c.evaluatedOn().toString()));
            for (String key : List.of("criterion", "progress", "result", "finding", "from", "to")) {
                head.add(text(item.get(key)));
            }
            List<?> records = item.get("records") instanceof List<?> l ? l : List.of();
            if (records.isEmpty()) {
                List<Object> row = new ArrayList<>(head);
                for (int i = 0; i < 7; i++) {
                    row.add("");
                }
                csv.printRecord(row);
            }
            for (Object o : records) {
                Map<?, ?> r = (Map<?, ?>) o;
                List<Object> row = new ArrayList<>(head);
                for (String key : List.of("role", "personId", "partner", "sourceRecordId", "category", "observedAt")) {
                    row.add(text(r.get(key)));
                }
                row.add(r.get("basis") instanceof List<?> basis ? String.join(";", basis.stream().map(String::valueOf).toList()) : "");
                csv.printRecord(row);
            }
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
