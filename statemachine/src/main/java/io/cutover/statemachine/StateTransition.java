package io.cutover.statemachine;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One state the execution entered, in order.
 *
 * @param name         the state's name in the definition
 * @param type         its ASL type ({@code Task}, {@code Wait}, {@code Choice}, ...)
 * @param mapIteration the iteration index when the state ran inside a Map's item processor
 */
public record StateTransition(String name, String type, OptionalInt mapIteration) {
    public StateTransition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapIteration, "mapIteration");
    }

    public static StateTransition topLevel(String name, String type) {
        return new StateTransition(name, type, OptionalInt.empty());
    }

    public static StateTransition inIteration(String name, String type, int iteration) {
        return new StateTransition(name, type, OptionalInt.of(iteration));
    }
}
