package io.cutover.local.dms;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text PostgreSQL's {@code test_decoding} output plugin writes for each decoded change, with the
 * options {@code include-xids} and {@code include-timestamp} on (the plugin's source, contrib/test_decoding, is the
 * reference for the format):
 * <pre>
 * BEGIN 742
 * table public.orders: INSERT: id[integer]:1 note[text]:'it''s' paid[boolean]:true
 * table public.orders: UPDATE: old-key: id[integer]:1 new-tuple: id[integer]:2 note[text]:null
 * table public.orders: DELETE: id[integer]:2
 * table public.a, public.b: TRUNCATE: cascade
 * message: transactional: 1 prefix: cutover, sz: 5 content:fence
 * COMMIT 742 (at 2026-12-02 13:40:00.123456+00)
 * </pre>
 */
public final class TestDecoding {
    private static final DateTimeFormatter COMMIT_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:mm", "+00")
            .toFormatter();

    public enum Kind { INSERT, UPDATE, DELETE, TRUNCATE }

    /** One line of plugin output. */
    public sealed interface Message permits Begin, Commit, Change, LogicalMessage {
    }

    /**
     * A {@code pg_logical_emit_message} record ("message: transactional: 1 prefix: P, sz: N content:C"); DMS does
     * not apply these, but a source may emit them (the fence marks itself with one).
     */
    public record LogicalMessage(boolean transactional, String prefix, String content) implements Message {
    }

    public record Begin(long xid) implements Message {
    }

    /** @param committedAt the source commit time; null when the slot was read without include-timestamp */
    public record Commit(long xid, Instant committedAt) implements Message {
    }

    /**
     * @param tables  one table, or several for TRUNCATE; each schema-qualified, unquoted
     * @param oldKey  the old key (or old row, with REPLICA IDENTITY FULL) of an UPDATE that changed it; else empty
     * @param columns the new row of INSERT and UPDATE, the key (or row) of DELETE; empty for TRUNCATE
     */
    public record Change(Kind kind, List<TableName> tables, List<Column> oldKey, List<Column> columns)
            implements Message {
        public TableName table() {
            return tables.getFirst();
        }
    }

    public record TableName(String schema, String name) {
        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /**
     * @param value     the value's text form, as the type's output function wrote it; null for SQL NULL
     * @param unchanged an unchanged TOASTed value the plugin could not show (keep the target's value)
     */
    public record Column(String name, String type, String value, boolean unchanged) {
    }

    private TestDecoding() {
    }

    public static Message parse(String line) {
        if (line.startsWith("BEGIN")) {
            return new Begin(xid(line.substring(5).strip()));
        }
        if (line.startsWith("COMMIT")) {
            String rest = line.substring(6).strip();
            Instant at = null;
            int open = rest.indexOf("(at ");
            if (open >= 0) {
                at = OffsetDateTime.parse(rest.substring(open + 4, rest.lastIndexOf(')')), COMMIT_TIME).toInstant();
                rest = rest.substring(0, open).strip();
            }
            return new Commit(xid(rest), at);
        }
        if (line.startsWith("message: transactional: ")) {
            return logicalMessage(line);
        }
        if (line.startsWith("table ")) {
            return change(new Cursor(line, 6));
        }
        throw new IllegalArgumentException("not test_decoding output: " + line);
    }

    private static LogicalMessage logicalMessage(String line) {
        String rest = line.substring("message: transactional: ".length());
        boolean transactional = rest.startsWith("1");
        int prefix = rest.indexOf(" prefix: ");
        int size = rest.indexOf(", sz: ", prefix);
        int content = rest.indexOf(" content:", size);
        if (prefix < 0 || size < 0 || content < 0) {
            throw new IllegalArgumentException("not a test_decoding message line: " + line);
        }
        return new LogicalMessage(transactional, rest.substring(prefix + 9, size), rest.substring(content + 9));
    }

    private static long xid(String text) {
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    private static Change change(Cursor c) {
        List<TableName> tables = new ArrayList<>();
        do {
            String schema = c.identifier();
            c.expect(".");
            tables.add(new TableName(schema, c.identifier()));
        } while (c.skip(", "));
        c.expect(": ");
        String kindText = c.until(':');
        c.expect(":");
        Kind kind = switch (kindText) {
            case "INSERT" -> Kind.INSERT;
            case "UPDATE" -> Kind.UPDATE;
            case "DELETE" -> Kind.DELETE;
            case "TRUNCATE" -> Kind.TRUNCATE;
            default -> throw c.error("an INSERT, UPDATE, DELETE or TRUNCATE");
        };
        if (kind == Kind.TRUNCATE) {
            return new Change(kind, List.copyOf(tables), List.of(), List.of());
        }
        List<Column> oldKey = List.of();
        if (c.skip(" old-key:") || c.skip(" old-tuple:")) {
            oldKey = columns(c, " new-tuple:");
            c.expect(" new-tuple:");
        }
        List<Column> columns = c.skip(" (no-tuple-data)") ? List.of() : columns(c, null);
        if (!c.atEnd()) {
            throw c.error("the end of the line");
        }
        return new Change(kind, List.copyOf(tables), oldKey, columns);
    }

    private static List<Column> columns(Cursor c, String stopAt) {
        List<Column> columns = new ArrayList<>();
        while (!c.atEnd() && (stopAt == null || !c.lookingAt(stopAt))) {
            c.expect(" ");
            String name = c.identifier();
            c.expect("[");
            String type = c.typeName();
            c.expect(":");
            if (c.skip("null")) {
                columns.add(new Column(name, type, null, false));
            } else if (c.skip("unchanged-toast-datum")) {
                columns.add(new Column(name, type, null, true));
            } else if (c.lookingAt("'")) {
                columns.add(new Column(name, type, c.quoted(), false));
            } else if (c.lookingAt("B'")) {
                c.expect("B");
                columns.add(new Column(name, type, c.quoted(), false));
            } else {
                columns.add(new Column(name, type, c.until(' '), false));
            }
        }
        return List.copyOf(columns);
    }

    /** A position in one line. */
    private static final class Cursor {
        private final String line;
        private int at;

        Cursor(String line, int at) {
            this.line = line;
            this.at = at;
        }

        boolean atEnd() {
            return at >= line.length();
        }

        boolean lookingAt(String text) {
            return line.startsWith(text, at);
        }

        boolean skip(String text) {
            if (lookingAt(text)) {
                at += text.length();
                return true;
            }
            return false;
        }

        void expect(String text) {
            if (!skip(text)) {
                throw error("'" + text + "'");
            }
        }

        /** Up to (not including) the character, or the end of the line. */
        String until(char end) {
            int stop = line.indexOf(end, at);
            stop = stop < 0 ? line.length() : stop;
            String text = line.substring(at, stop);
            at = stop;
            return text;
        }

        /** A name as quote_identifier writes it: bare, or in double quotes with "" for a quote. */
        String identifier() {
            if (!lookingAt("\"")) {
                int start = at;
                while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_'
                        || line.charAt(at) == '$')) {
                    at++;
                }
                if (at == start) {
                    throw error("an identifier");
                }
                return line.substring(start, at);
            }
            return delimited('"');
        }

        /** A type as format_type writes it, up to the "]:" that ends it (the type itself may end in "[]"). */
        String typeName() {
            int stop = line.indexOf("]:", at);
            if (stop < 0) {
                throw error("a type name ending in ']:'");
            }
            String type = line.substring(at, stop);
            at = stop + 1;
            return type;
        }

        String quoted() {
            return delimited('\'');
        }

        private String delimited(char quote) {
            expect(String.valueOf(quote));
            StringBuilder text = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw error("a closing " + quote);
                }
                char ch = line.charAt(at++);
                if (ch == quote) {
                    if (at < line.length() && line.charAt(at) == quote) {
                        text.append(quote);
                        at++;
                    } else {
                        return text.toString();
                    }
                } else {
                    text.append(ch);
                }
            }
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("test_decoding line, at column " + at + ": expected " + expected
                    + ": " + line);
        }
    }
}
