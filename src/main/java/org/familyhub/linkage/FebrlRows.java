package org.familyhub.linkage;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Maps FEBRL rows (rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state,
 * date_of_birth, soc_sec_id) to person records. {@code soc_sec_id} is often corrupted, so it is only a weak field.
 */
public final class FebrlRows {

    private FebrlRows() {
    }

    public static List<PersonRecord> read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreSurroundingSpaces(true).get();
        List<PersonRecord> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : format.parse(in)) {
                out.add(map(row.toMap()));
            }
        }
        return out;
    }

    /** Header names are matched after trimming (the files pad them with a space). */
    static PersonRecord map(Map<String, String> row) {
        String line1 = (value(row, "street_number") + " " + value(row, "address_1")).trim();
        return new PersonRecord(value(row, "rec_id"), blankToNull(value(row, "given_name")),
                blankToNull(value(row, "surname")), date(value(row, "date_of_birth")), null, blankToNull(line1),
                blankToNull(value(row, "suburb")), blankToNull(value(row, "postcode")), null, Map.of(),
                blankToNull(value(row, "soc_sec_id")));
    }

    private static String value(Map<String, String> row, String column) {
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (e.getKey().trim().equals(column)) {
                return e.getValue() == null ? "" : e.getValue().trim();
            }
        }
        return "";
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** yyyyMMdd; an impossible date (a corrupted one) is read day-for-month if that makes it valid, else missing. */
    static LocalDate date(String s) {
        if (!s.matches("\\d{8}")) {
            return null;
        }
        int y = Integer.parseInt(s.substring(0, 4));
        int m = Integer.parseInt(s.substring(4, 6));
        int d = Integer.parseInt(s.substring(6, 8));
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            try {
                return LocalDate.of(y, d, m);
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }

    /** FEBRL's ground truth: {@code rec-N-org} and {@code rec-N-dup-0} are one person, N. */
    public static String entity(String recId) {
        String[] parts = recId.split("-");
        return parts.length >= 2 ? parts[1] : recId;
    }
}
