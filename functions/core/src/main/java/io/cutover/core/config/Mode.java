package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** Whether readiness alone starts the workflow ({@code auto}) or an operator does ({@code manual}). */
public enum Mode implements WireName {
    AUTO("auto"),
    MANUAL("manual");

    private final String wireName;

    Mode(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
