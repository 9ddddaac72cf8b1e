package io.cutover.core.port.db;

import java.time.Duration;
import java.util.List;

/** Compares exact row counts of configured tables between source and target. */
public interface RowCountVerifier {

    /**
     * Counts each table on both sides at once (source and target in parallel), whole or per time bucket.
     * Meaningful after the drain, when the source is fenced.
     *
     * @throws DatabaseStepException when a database cannot be reached or the timeout passes
     */
    RowCountReport verify(List<RowCountSpec> tables, Duration timeout);
}
