package io.cutover.core.json;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum constant with the exact spelling it has in JSON documents. */
public interface WireName {
    @JsonValue
    String wireName();
}
