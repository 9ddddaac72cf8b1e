package io.cutover.core.port.cloud;

import java.util.Objects;

/** One weighted record of a group: its Route 53 {@code SetIdentifier} and the value it resolves to. */
public record RecordTarget(String setIdentifier, String value) {
    public RecordTarget {
        requireText(setIdentifier, "setIdentifier");
        requireText(value, "value");
    }

    static void requireText(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
