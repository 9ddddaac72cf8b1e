package io.cutover.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads fields of a JSON tree while collecting every problem instead of stopping at the first, so a
 * user fixing a config or a payload sees all that is wrong in one go. Getters return null (or the
 * default) when a field is wrong; callers check {@link #problems()} before building anything.
 */
public final class JsonFields {
    private final List<Problem> problems = new ArrayList<>();
    private final boolean tolerant;
    private final List<String> unknownFields = new ArrayList<>();

    /** Strict: a field an object does not list is a problem (our own documents: configs, payloads). */
    public JsonFields() {
        this(false);
    }

    private JsonFields(boolean tolerant) {
        this.tolerant = tolerant;
    }

    /**
     * For documents another party shapes and extends over time (AWS events): a field an object does not list is
     * recorded in {@link #unknownFields()} instead of reported. Every field that is read is checked as strictly.
     */
    public static JsonFields tolerant() {
        return new JsonFields(true);
    }

    /** The paths of the fields a tolerant reader met and did not know, in document order. */
    public List<String> unknownFields() {
        return List.copyOf(unknownFields);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public void report(String field, JsonNode value, String expected) {
        problems.add(new Problem(field, value == null || value.isMissingNode() ? null : value.toString(), expected));
    }

    public void report(String field, String renderedValue, String expected) {
        problems.add(new Problem(field, renderedValue, expected));
    }

    public void throwIfAny(String what) {
        if (hasProblems()) {
            throw new InvalidDocumentException(what, problems);
        }
    }

    /** The root object; null (with a problem) when the node is not an object. */
    public Obj root(JsonNode node, String... knownFields) {
        return object(node, "", knownFields);
    }

    Obj object(JsonNode node, String path, String... knownFields) {
        if (node == null || !node.isObject()) {
            report(path.isEmpty() ? "$" : path, node, "a JSON object");
            return null;
        }
        Set<String> known = new LinkedHashSet<>(Arrays.asList(knownFields));
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name) && tolerant) {
                unknownFields.add(join(path, name));
            } else if (!known.contains(name)) {
                report(join(path, name), node.get(name), "no such field; allowed fields are " + String.join(", ", known));
            }
        });
        return new Obj(node, path);
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** A JSON object being read, with its path for problem reports. */
    public final class Obj {
        private final JsonNode node;
        private final String path;

        private Obj(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        public String path(String name) {
            return join(path, name);
        }

        /** The field is there with a value other than null. */
        public boolean has(String name) {
            JsonNode value = node.get(name);
            return value != null && !value.isNull();
        }

        /**
         * The field is written at all, even as {@code null}. Optional fields use this: an explicit null is a
         * wrong value (reported), never a silent "use the default" (think {@code "dry_run": null}).
         */
        public boolean present(String name) {
            return node.get(name) != null;
        }

        public JsonNode raw(String name) {
            return node.get(name);
        }

        private JsonNode required(String name, String expected) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                report(path(name), value, expected);
                return null;
            }
            return value;
        }

        public String text(String name, Pattern pattern, String expected) {
            JsonNode value = required(name, expected);
            return value == null ? null : checkText(path(name), value, pattern, expected);
        }

        public String optionalText(String name, Pattern pattern, String expected, String defaultValue) {
            return present(name) ? checkText(path(name), node.get(name), pattern, expected) : defaultValue;
        }

        private String checkText(String field, JsonNode value, Pattern pattern, String expected) {
            if (!value.isTextual() || (pattern != null && !pattern.matcher(value.asText()).matches())) {
                report(field, value, expected);
                return null;
            }
            return value.asText();
        }

        public Long integer(String name, long min, long max) {
            JsonNode value = required(name, rangeText(min, max));
            return value == null ? null : checkInteger(path(name), value, min, max);
        }

        public Long optionalInteger(String name, long min, long max, long defaultValue) {
            return present(name) ? checkInteger(path(name), node.get(name), min, max) : Long.valueOf(defaultValue);
        }

        private Long checkInteger(String field, JsonNode value, long min, long max) {
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
                report(field, value, rangeText(min, max));
                return null;
            }
            return value.asLong();
        }

        public Double optionalNumber(String name, double minExclusive, double max, double defaultValue) {
            if (!present(name)) {
                return defaultValue;
            }
            JsonNode value = node.get(name);
            String expected = "a number greater than " + trim(minExclusive) + " and at most " + trim(max);
            if (!value.isNumber() || value.asDouble() <= minExclusive || value.asDouble() > max) {
                report(path(name), value, expected);
                return null;
            }
            return value.asDouble();
        }

        public Boolean optionalBoolean(String name, boolean defaultValue) {
            if (!present(name)) {
                return defaultValue;
            }
            JsonNode value = node.get(name);
            if (!value.isBoolean()) {
                report(path(name), value, "true or false");
                return null;
            }
            return value.asBoolean();
        }

        public <E extends Enum<E> & WireName> E enumValue(String name, Class<E> type) {
            JsonNode value = required(name, oneOf(type));
            return value == null ? null : checkEnum(path(name), value, type);
        }

        public <E extends Enum<E> & WireName> E optionalEnum(String name, Class<E> type, E defaultValue) {
            return present(name) ? checkEnum(path(name), node.get(name), type) : defaultValue;
        }

        private <E extends Enum<E> & WireName> E checkEnum(String field, JsonNode value, Class<E> type) {
            Optional<E> constant = value.isTextual() ? WireName.find(type, value.asText()) : Optional.empty();
            if (constant.isPresent()) {
                return constant.get();
            }
            report(field, value, oneOf(type));
            return null;
        }

        public Obj object(String name, String... knownFields) {
            JsonNode value = required(name, "a JSON object");
            return value == null ? null : JsonFields.this.object(value, path(name), knownFields);
        }

        public Obj optionalObject(String name, String... knownFields) {
            return present(name) ? JsonFields.this.object(node.get(name), path(name), knownFields) : null;
        }

        /**
         * An optional section read as if written empty when it is absent, so every optional field in it falls back
         * to its default in one place, the getter, instead of once more at the caller.
         */
        public Obj objectOrEmpty(String name, String... knownFields) {
            return present(name) ? JsonFields.this.object(node.get(name), path(name), knownFields)
                    : new Obj(JsonNodeFactory.instance.objectNode(), path(name));
        }

        /** The elements of an array field as (path, node) items; null when missing or not an array. */
        public List<Item> array(String name, boolean required, int minSize, int maxSize) {
            String expected = "an array of " + minSize + " to " + maxSize + " elements";
            JsonNode value = required ? required(name, expected) : node.get(name);
            if (value == null) {
                return required ? null : List.of();
            }
            if (!value.isArray() || value.size() < minSize || value.size() > maxSize) {
                report(path(name), value, expected);
                return null;
            }
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                items.add(new Item(path(name) + "[" + i + "]", value.get(i)));
            }
            return items;
        }

        /** An array of unique strings each matching the pattern. */
        public List<String> textList(String name, boolean required, int minSize, int maxSize,
                                     Pattern pattern, String elementExpected) {
            List<Item> items = array(name, required, minSize, maxSize);
            if (items == null) {
                return null;
            }
            List<String> result = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (Item item : items) {
                String text = checkText(item.path(), item.node(), pattern, elementExpected);
                if (text != null && !seen.add(text)) {
                    report(item.path(), item.node(), "each value once (duplicate)");
                } else if (text != null) {
                    result.add(text);
                }
            }
            return result;
        }

        public Obj objectItem(Item item, String... knownFields) {
            return JsonFields.this.object(item.node(), item.path(), knownFields);
        }
    }

    /** One element of an array with its path. */
    public record Item(String path, JsonNode node) {
    }

    public static <E extends Enum<E> & WireName> String oneOf(Class<E> type) {
        return "one of " + Arrays.stream(type.getEnumConstants()).map(e -> "\"" + e.wireName() + "\"")
                .collect(Collectors.joining(", "));
    }

    public static String oneOf(Collection<String> values) {
        return "one of " + values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
    }

    static String rangeText(long min, long max) {
        return "an integer from " + min + " to " + max;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
