package io.cutover.core.port.cloud;

import java.util.List;
import java.util.Objects;

/**
 * One record set Route 53 holds at a name, of any type, weighted or plain.
 *
 * @param type          its type ({@code CNAME}, {@code A}, ...)
 * @param setIdentifier its {@code SetIdentifier}; null for a plain (not weighted, not routed) record
 * @param weight        its {@code Weight}; null unless weighted
 * @param ttl           its TTL in seconds; null for an alias record
 * @param values        its resource record values (empty for an alias record)
 */
public record RecordAtName(String type, String setIdentifier, Long weight, Long ttl, List<String> values) {
    public RecordAtName {
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
    }

    /** A simple record: no set identifier, so no routing policy, and a TTL (not an alias). */
    public boolean isPlain() {
        return setIdentifier == null && ttl != null;
    }

    public String describe() {
        return type + (setIdentifier == null ? "" : " set " + setIdentifier) + (weight == null ? "" : " weight " + weight)
                + (ttl == null ? " alias" : " ttl " + ttl) + " " + values;
    }
}
