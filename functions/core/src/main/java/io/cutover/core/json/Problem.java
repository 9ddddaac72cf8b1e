package io.cutover.core.json;

/**
 * One thing wrong with an input document.
 *
 * @param field    JSON path of the field, e.g. {@code recordGroups[1].ttl}
 * @param value    what was found, rendered as JSON; null when the field was missing
 * @param expected what is allowed
 */
public record Problem(String field, String value, String expected) {
    public String message() {
        return field + ": " + (value == null ? "missing" : "got " + value) + "; expected " + expected;
    }

    @Override
    public String toString() {
        return message();
    }
}
