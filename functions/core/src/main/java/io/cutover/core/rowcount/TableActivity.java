package io.cutover.core.rowcount;

import java.util.Objects;

/**
 * What PostgreSQL's cumulative statistics say was done to one table ({@code pg_stat_user_tables}, summed over its
 * partitions) and which storage holds it, read at one moment on one side.
 *
 * <p>The counters count rows of aborted transactions too, and a backend reports them late (at most about once a second,
 * and an idle backend within 10 s; PostgreSQL docs, "The Cumulative Statistics System"): both make a delta larger, or
 * make it appear later, than the committed change, which errs toward a recount when the counters are read at the
 * precount, and is a stated limit for a change committed in the last seconds before the fence ({@link RecountPlanner}).
 *
 * @param inserted {@code n_tup_ins}
 * @param updated  {@code n_tup_upd} (HOT updates included)
 * @param deleted  {@code n_tup_del}
 * @param storage  the table's (leaf partitions') relfilenodes: TRUNCATE, VACUUM FULL, CLUSTER and attaching or
 *                 detaching a partition change it, and TRUNCATE counts no deleted row
 */
public record TableActivity(long inserted, long updated, long deleted, String storage) {
    public TableActivity {
        Objects.requireNonNull(storage, "storage");
    }
}
