package io.cutover.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Quoting of identifiers and literals for the few statements that cannot take bind parameters (DDL). */
public final class Identifiers {
    private Identifiers() {
    }

    /** {@code "name"}, with embedded double quotes doubled: safe for any role, schema, table or column name. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier must not contain NUL: " + identifier);
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * An escape-string literal ({@code E'…'}): quotes and backslashes escaped, so it reads the same whatever
     * {@code standard_conforming_strings} says.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a literal must not contain NUL");
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** A {@code schema.table} name, as PostgreSQL reads it. */
    public record QualifiedName(String schema, String name) {
        public String quoted() {
            return quote(schema) + "." + quote(name);
        }

        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /**
     * Parses {@code schema.table}: unquoted parts fold to lower case, double-quoted parts are taken as written
     * ({@code ""} inside quotes is one quote), so {@code Sales."Order Lines"} is schema {@code sales},
     * table {@code Order Lines}.
     *
     * @throws IllegalArgumentException unless there are exactly two non-empty parts
     */
    public static QualifiedName parseQualified(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean partWasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        current.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                if (!current.isEmpty()) {
                    throw new IllegalArgumentException("a quote must start a name part: " + text);
                }
                quoted = true;
                partWasQuoted = true;
            } else if (c == '.') {
                parts.add(finish(current, partWasQuoted, text));
                current.setLength(0);
                partWasQuoted = false;
            } else if (partWasQuoted) {
                throw new IllegalArgumentException("characters after a closing quote: " + text);
            } else if (Character.isWhitespace(c)) {
                throw new IllegalArgumentException("unquoted whitespace in name: " + text);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote: " + text);
        }
        parts.add(finish(current, partWasQuoted, text));
        if (parts.size() != 2) {
            throw new IllegalArgumentException("expected schema.table, got " + parts.size() + " part(s): " + text);
        }
        return new QualifiedName(parts.get(0), parts.get(1));
    }

    private static String finish(StringBuilder part, boolean wasQuoted, String text) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("empty name part: " + text);
        }
        return wasQuoted ? part.toString() : part.toString().toLowerCase(Locale.ROOT);
    }
}
