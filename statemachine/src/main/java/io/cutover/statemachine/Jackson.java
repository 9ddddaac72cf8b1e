package io.cutover.statemachine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The module's ObjectMapper (this module stays free of the other modules, so it has its own). */
final class Jackson {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Jackson() {
    }
}
