package io.cutover.core.port.db;

import java.time.Duration;
import java.util.List;

/** Reads the control tables DMS keeps on the target database. */
public interface DmsControlTables {

    /**
     * @param controlSchema     the task setting {@code ControlSchema}; null or blank = the target's {@code public} schema
     * @param taskNames         task resource ids (ARN suffixes) to report; empty = all
     * @param newestExceptions  how many of the newest apply exceptions to return
     * @param timeout           the read must finish within this
     * @throws DatabaseStepException when the target cannot be read in time
     */
    DmsControlTablesReport read(String controlSchema, List<String> taskNames, int newestExceptions, Duration timeout);
}
