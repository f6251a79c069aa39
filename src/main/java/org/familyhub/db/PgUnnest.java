package org.familyhub.db;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many rows in one statement: each column goes as one {@code text[]} parameter, for SQL that reads them with
 * {@code unnest(?::text[], ...)} and casts where needed. One statement instead of a JDBC batch of one per row,
 * which the server would still plan and execute row by row.
 */
public final class PgUnnest {

    private PgUnnest() {
    }

    /** @param rows values of each row, {@code columns} of them, as text ({@code toString}), null as null */
    public static int update(JdbcTemplate jdbc, String sql, int columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        String[][] arrays = new String[columns][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            for (int c = 0; c < columns; c++) {
                arrays[c][r] = row[c] == null ? null : row[c].toString();
            }
        }
        return jdbc.update(sql, ps -> {
            for (int c = 0; c < columns; c++) {
                ps.setArray(c + 1, ps.getConnection().createArrayOf("text", arrays[c]));
            }
        });
    }
}
