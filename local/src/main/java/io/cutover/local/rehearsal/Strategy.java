package io.cutover.local.rehearsal;

import java.util.Arrays;
import java.util.List;

/** How the rehearsal moves traffic: this project's fenced switch, or the weighted-writes design it replaces. */
public enum Strategy {
    /** The production state machine: readers by steps, then fence, drain, sequence sync and one writer switch. */
    FENCED_SWITCH("fenced-switch", "the production workflow (statemachine/cutover.asl.json): readers in steps, "
            + "then fence the source, drain, sync sequences, verify row counts and move the writer once"),
    /** The reference design: writer and reader records shifted together by weight, no fence, drain or sequence sync. */
    NAIVE_WEIGHTED("naive-weighted", "REFERENCE DESIGN (not this project's): writer and reader records moved "
            + "together through the same weight steps, with no fence, no drain and no sequence sync");

    private final String wireName;
    private final String description;

    Strategy(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Strategy::wireName).toList();
    }

    public static Strategy parse(String text) {
        for (Strategy strategy : values()) {
            if (strategy.wireName.equals(text)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("--strategy: unknown strategy '" + text + "'; expected one of "
                + wireNames());
    }
}
