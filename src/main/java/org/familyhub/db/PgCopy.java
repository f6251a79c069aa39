package org.familyhub.db;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** {@code COPY … FROM STDIN (format csv)} on the connection of the current transaction: the fastest bulk insert. */
public final class PgCopy {

    private PgCopy() {
    }

    /** @param target table and columns, e.g. {@code person_link (record_key, person_id)}; rows written by {@link PgCsv} */
    public static void in(JdbcTemplate jdbc, String target, CharSequence csv) {
        if (csv.isEmpty()) {
            return;
        }
        Connection con = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            con.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + target + " from stdin (format csv)",
                    new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY into " + target + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(con, jdbc.getDataSource());
        }
    }
}
