package io.cutover.core.port.cloud;

import java.util.Objects;
import java.util.Optional;

/**
 * A weight change did not reach {@code INSYNC} before its deadline. Both records of a group are always written
 * in one batch, so the change is either wholly submitted or not at all; {@link #submitted()} says which, and
 * the message says what to expect of each record.
 */
public final class WeightChangeNotConfirmedException extends RuntimeException {
    private final RecordGroupRef group;
    private final Weights requested;
    private final String changeId;
    private final int attempts;

    public WeightChangeNotConfirmedException(RecordGroupRef group, Weights requested, String changeId, int attempts,
                                             String detail, Throwable cause) {
        super(message(group, requested, changeId, attempts, detail), cause);
        this.group = Objects.requireNonNull(group, "group");
        this.requested = Objects.requireNonNull(requested, "requested");
        this.changeId = changeId;
        this.attempts = attempts;
    }

    private static String message(RecordGroupRef group, Weights requested, String changeId, int attempts,
                                  String detail) {
        String weights = group.source().setIdentifier() + "=" + requested.source() + ", "
                + group.target().setIdentifier() + "=" + requested.target();
        if (changeId == null) {
            return "Route 53 weights for group " + group.describe() + " NOT applied: the batch {" + weights
                    + "} was not accepted after " + attempts + " attempt(s) (" + detail
                    + "); neither record was changed by this request, both keep their previous weights";
        }
        return "Route 53 weights for group " + group.describe() + " submitted but not confirmed: change " + changeId
                + " with both records {" + weights + "} was accepted but is not INSYNC yet (" + detail
                + "); Route 53 will still apply both records together, check GetChange " + changeId;
    }

    public RecordGroupRef group() {
        return group;
    }

    public Weights requested() {
        return requested;
    }

    /** True when Route 53 accepted the batch (it will apply both records), false when nothing was submitted. */
    public boolean submitted() {
        return changeId != null;
    }

    public Optional<String> changeId() {
        return Optional.ofNullable(changeId);
    }

    public int attempts() {
        return attempts;
    }
}
