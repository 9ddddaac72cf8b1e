package io.cutover.local.rehearsal;

import io.cutover.core.port.cloud.Weights;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The rehearsal's DNS client: each new connection resolves a record group's name and is sent to the
 * source or the target with probability weight / sum of weights, as a resolver answering a Route 53
 * weighted record would. One per application thread (the random source is not shared).
 */
public final class WeightedResolver {
    /** The weights a resolution reads, e.g. {@code LocalWeightedRecords::current}. */
    @FunctionalInterface
    public interface WeightSource {
        Weights current(String group);
    }

    /** Where one connection went, and the weights it was resolved with. */
    public record Resolution(Side side, Weights weights) {
    }

    private final WeightSource weights;
    private final RandomGenerator random;

    public WeightedResolver(WeightSource weights, RandomGenerator random) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Resolution resolve(String group) {
        Weights current = weights.current(group);
        if (current == null) {
            throw new IllegalStateException("no weighted records for group " + group);
        }
        return new Resolution(pick(current, random.nextDouble()), current);
    }

    /**
     * @param uniform a number in [0, 1)
     * @return the source for the first {@code source / (source + target)} of the interval, the target for the rest
     */
    static Side pick(Weights weights, double uniform) {
        int total = weights.source() + weights.target();
        return uniform * total < weights.source() ? Side.SOURCE : Side.TARGET;
    }
}
