package org.familyhub.connector.format;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.familyhub.record.PartnerRecord;

/**
 * The partners' CSV files: RFC 4180 quoting, a header row naming the columns (any order; extra columns ignored).
 * A row with the wrong number of fields, or a quote in the wrong place, is quarantined and the rest goes on;
 * a quoted field that is never closed swallows the rest of the file, so that fails the whole body.
 */
abstract class CsvFeedFormat implements FeedFormat {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final String id;
    private final String kind;
    private final List<String> columns;

    /** @param kind the partner kind in words for messages, e.g. "police" */
    protected CsvFeedFormat(String id, String kind, List<String> columns) {
        this.id = id;
        this.kind = kind;
        this.columns = List.copyOf(columns);
    }

    @Override
    public String id() {
        return id;
    }

    /** Maps one row; problems go to {@code checks}, and the result is ignored when there are any. */
    protected abstract PartnerRecord map(String partner, Row row, LocalDate receivedOn, RowChecks checks);

    /** One data row by column name. */
    protected static final class Row {
        private final Map<String, Integer> index;
        private final CSVRecord record;

        Row(Map<String, Integer> index, CSVRecord record) {
            this.index = index;
            this.record = record;
        }

        /** The value as sent (untrimmed), or null for an unknown column. */
        public String get(String column) {
            Integer i = index.get(column);
            return i == null || i >= record.size() ? null : record.get(i);
        }
    }

    @Override
    public List<ParsedItem> parse(String partner, String text, LocalDate receivedOn) throws UnreadableFeedException {
        Lines lines = new Lines(text);
        Header header = readHeader(text);
        List<ParsedItem> items = new ArrayList<>();
        int firstLine = 2;
        // Parse from firstLine; after a row with broken quoting, start again on the next physical line
        while (firstLine <= lines.count()) {
            int chunkStart = lines.start(firstLine);
            try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(chunkStart)), FORMAT)) {
                Iterator<CSVRecord> rows = parser.iterator();
                int nextRowLine = firstLine;
                int resumeAt = -1;
                while (true) {
                    CSVRecord record;
                    try {
                        if (!rows.hasNext()) {
                            break;
                        }
                        record = rows.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        // Mid-line, Commons CSV reports the 1-based number of the line it is reading
                        int errorLine = firstLine + (int) parser.getCurrentLineNumber() - 1;
                        if (isUnclosedQuote(e)) {
                            throw new UnreadableFeedException("broken CSV quoting: the quoted field in the row starting on line "
                                    + nextRowLine + " is never closed");
                        }
                        String raw = lines.text(lines.start(nextRowLine), lines.start(errorLine + 1));
                        items.add(ParsedItem.rejected(nextRowLine, "line " + nextRowLine, raw,
                                "broken CSV quoting on line " + errorLine
                                        + ": a closing quote must be followed by a comma or the end of the line"));
                        resumeAt = errorLine + 1;
                        break;
                    }
                    int start = lines.skipLineBreaks(chunkStart + (int) record.getCharacterPosition());
                    int lineNo = lines.lineAt(start);
                    // After a row's line break, Commons CSV reports how many lines it has finished
                    nextRowLine = firstLine + (int) parser.getCurrentLineNumber();
                    String raw = lines.text(start, lines.start(nextRowLine));
                    items.add(mapRow(partner, header, record, lineNo, raw, receivedOn));
                }
                if (resumeAt < 0) {
                    break;
                }
                firstLine = resumeAt;
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringReader does not fail
            }
        }
        return items;
    }

    private ParsedItem mapRow(String partner, Header header, CSVRecord record, int lineNo, String raw,
                              LocalDate receivedOn) {
        String location = "line " + lineNo;
        if (record.size() != header.width()) {
            return ParsedItem.rejected(lineNo, location, raw,
                    "the row has " + record.size() + " fields but the header has " + header.width());
        }
        RowChecks checks = new RowChecks();
        PartnerRecord mapped = map(partner, new Row(header.index(), record), receivedOn, checks);
        return checks.ok() ? ParsedItem.ok(lineNo, location, raw, mapped) : ParsedItem.rejected(lineNo, location, raw, checks.reason());
    }

    private Header readHeader(String text) throws UnreadableFeedException {
        CSVRecord header;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            Iterator<CSVRecord> it = parser.iterator();
            header = it.hasNext() ? it.next() : null;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new UnreadableFeedException("not a " + kind + " CSV: the first line is not a readable CSV header (expected columns "
                    + String.join(",", columns) + ")");
        }
        if (header == null) {
            throw new UnreadableFeedException("not a " + kind + " CSV: there is no header row");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (!name.isEmpty() && index.putIfAbsent(name, i) != null) {
                throw new UnreadableFeedException("not a " + kind + " CSV: the header names column " + name + " twice");
            }
        }
        List<String> missing = columns.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableFeedException("not a " + kind + " CSV: header is missing columns " + String.join(", ", missing));
        }
        return new Header(index, header.size());
    }

    /** Column positions by name, and how many fields every row must have. */
    private record Header(Map<String, Integer> index, int width) {
    }

    private static boolean isUnclosedQuote(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("EOF reached before encapsulated token finished")) {
                return true;
            }
        }
        return false;
    }

    /** Physical lines of the body: a line ends at \n, \r\n or a lone \r, as Commons CSV counts them. */
    private static final class Lines {
        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            int[] s = new int[Math.max(16, text.length() / 64)];
            int n = 1;
            int length = text.length();
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == length || text.charAt(i + 1) != '\n'))) {
                    if (i + 1 < length) {
                        if (n == s.length) {
                            s = Arrays.copyOf(s, n * 2);
                        }
                        s[n++] = i + 1;
                    }
                }
            }
            starts = Arrays.copyOf(s, n);
        }

        int count() {
            return starts.length;
        }

        /** Start offset of 1-based line n; the end of the text past the last line. */
        int start(int n) {
            return n - 1 < starts.length ? starts[n - 1] : text.length();
        }

        int lineAt(int offset) {
            int i = Arrays.binarySearch(starts, offset);
            return (i >= 0 ? i : -i - 2) + 1;
        }

        int skipLineBreaks(int offset) {
            while (offset < text.length() && (text.charAt(offset) == '\n' || text.charAt(offset) == '\r')) {
                offset++;
            }
            return offset;
        }

        /** The text between two offsets without the line breaks at its end. */
        String text(int from, int to) {
            int start = Math.min(from, to);
            int end = to;
            while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            return text.substring(start, end);
        }
    }
}
