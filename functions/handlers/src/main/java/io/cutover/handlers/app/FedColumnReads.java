package io.cutover.handlers.app;

import java.util.Set;

/**
 * Whose fed columns a sequence sync reads on the target: every sequence's ({@link #ALL}), or, after a pre-sync of this
 * execution, only those whose columns then held values past the source's sequence (explicit values, a bulk load).
 * The others already stand past their columns' largest values plus the buffer on the target (the pre-sync set them,
 * and a sequence sync never moves one back).
 */
public record FedColumnReads(boolean all, Set<String> sequences) {
    public static final FedColumnReads ALL = new FedColumnReads(true, Set.of());

    public FedColumnReads {
        sequences = sequences == null ? Set.of() : Set.copyOf(sequences);
    }

    public static FedColumnReads only(Set<String> sequences) {
        return new FedColumnReads(false, sequences);
    }

    /** Whether the fed columns of this sequence ({@code schema.name}, the source's) are read. */
    public boolean reads(String sequence) {
        return all || sequences.contains(sequence);
    }
}
