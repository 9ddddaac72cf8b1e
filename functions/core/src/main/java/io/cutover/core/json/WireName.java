package io.cutover.core.json;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** An enum constant with the exact spelling it has in JSON documents. */
public interface WireName {
    @JsonValue
    String wireName();

    /** The constant of {@code type} spelled {@code wireName}, if there is one. */
    static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String wireName) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(wireName)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
