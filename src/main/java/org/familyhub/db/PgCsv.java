package org.familyhub.db;

/**
 * Values for {@code COPY ... (format csv)}, written exactly as commons-csv's {@code POSTGRESQL_CSV} writes them: null as
 * nothing, every other value quoted with its quotes doubled. A plain loop: the generic printer was a fifth of the
 * staging CPU in profiles.
 */
public final class PgCsv {

    private PgCsv() {
    }

    /** One value, without a delimiter. */
    public static StringBuilder value(StringBuilder out, Object v) {
        if (v == null) {
            return out;
        }
        String s = v.toString();
        out.append('"');
        int from = 0;
        for (int q = s.indexOf('"'); q >= 0; q = s.indexOf('"', from)) {
            out.append(s, from, q + 1).append('"');
            from = q + 1;
        }
        return out.append(s, from, s.length()).append('"');
    }

    /** A delimiter, then the value. */
    public static StringBuilder next(StringBuilder out, Object v) {
        return value(out.append(','), v);
    }
}
