package io.cutover.core.port.cloud;

import java.time.Duration;

/** The weighted Route 53 record pairs that steer new connections between the source and the target. */
public interface WeightedRecords {

    /** Reads both records of the group; a record Route 53 does not hold is reported as missing, not invented. */
    RecordPairReading read(RecordGroupRef group);

    /**
     * Writes both records of the group (same name, type and TTL; their set identifiers, values and the given
     * weights) in one atomic batch, then waits until Route 53 reports the change {@code INSYNC}. Throttling and
     * "a prior change is still in progress" are retried within the timeout.
     *
     * @throws WeightChangeNotConfirmedException when the timeout passes first; it says whether the batch was
     *                                           submitted
     */
    AppliedWeights apply(RecordGroupRef group, Weights weights, Duration timeout);
}
