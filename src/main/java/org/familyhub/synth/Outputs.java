package org.familyhub.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Streaming writers for the partner files: numbering, batch rolling and counts. */
final class Outputs {

    private Outputs() {
    }

    static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    /** Numbered files of one partner: {@code <out>/<partner>/<partner>-<nnn>.<ext>}. */
    abstract static class Series implements AutoCloseable {
        final Path dir;
        final String partner;
        final String ext;
        final int batchSize;
        int files;
        long records;
        long malformed;

        Series(Path out, String partner, String ext, int batchSize) {
            this.dir = out.resolve(partner);
            this.partner = partner;
            this.ext = ext;
            this.batchSize = batchSize;
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path nextPath() {
            files++;
            return dir.resolve(String.format("%s-%03d.%s", partner, files, ext));
        }

        void count(String malformedKind) {
            records++;
            if (malformedKind != null) {
                malformed++;
            }
        }

        @Override
        public abstract void close();
    }

    static Writer utf8(Path p) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16);
    }

    /** CSV files with a header row, at most batchSize records each. */
    static final class CsvSeries extends Series {
        private final String[] header;
        private CSVPrinter printer;
        private int inFile;

        CsvSeries(Path out, String partner, int batchSize, String... header) {
            super(out, partner, "csv", batchSize);
            this.header = header;
        }

        /** Prints one record (any number of fields: a malformed row may have too few or too many). */
        void print(List<String> values, String malformedKind) {
            try {
                if (printer == null || inFile == batchSize) {
                    close();
                    printer = new CSVPrinter(utf8(nextPath()), CSV);
                    printer.printRecord((Object[]) header);
                    inFile = 0;
                }
                printer.printRecord(values);
                inFile++;
                count(malformedKind);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (printer != null) {
                try {
                    printer.close(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                printer = null;
            }
        }
    }

    static final JsonFactory JSON = new JsonFactory();

    static JsonGenerator json(Path p) throws IOException {
        OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(p), 1 << 16);
        JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8);
        DefaultIndenter nl = new DefaultIndenter("  ", "\n");
        g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(nl).withArrayIndenter(nl));
        return g;
    }

    /** Minimal XML text/attribute escaping. */
    static String xml(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
