package io.cutover.core.port.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What Route 53 holds for both records of a group; a record it does not hold is empty. */
public record RecordPairReading(RecordGroupRef group, Optional<ObservedRecord> source, Optional<ObservedRecord> target) {
    public RecordPairReading {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    public boolean complete() {
        return source.isPresent() && target.isPresent();
    }

    /** The set identifiers of the records Route 53 does not hold, empty when both exist. */
    public List<String> missingSetIdentifiers() {
        List<String> missing = new ArrayList<>(2);
        if (source.isEmpty()) {
            missing.add(group.source().setIdentifier());
        }
        if (target.isEmpty()) {
            missing.add(group.target().setIdentifier());
        }
        return List.copyOf(missing);
    }

    /**
     * The TTL the group's records hold: the source record's, which Route 53 keeps equal to the target's (a weighted
     * group has one TTL, "Values specific for weighted records", Route 53 Developer Guide); empty when a record is
     * missing or the records are aliases.
     */
    public Optional<Long> ttl() {
        return complete() ? Optional.ofNullable(source.get().ttl()) : Optional.empty();
    }

    /**
     * The current weights.
     *
     * @throws IllegalStateException naming the missing set identifiers when a record does not exist, or when
     *                               both weights are 0 (Route 53 then splits evenly, which {@link Weights} refuses)
     */
    public Weights weights() {
        if (!complete()) {
            throw new IllegalStateException("group " + group.describe() + ": no weighted record with set identifier "
                    + String.join(" or ", missingSetIdentifiers()));
        }
        return new Weights((int) source.get().weight(), (int) target.get().weight());
    }
}
