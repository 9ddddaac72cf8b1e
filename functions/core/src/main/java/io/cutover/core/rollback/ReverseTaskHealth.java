package io.cutover.core.rollback;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the fall-back window's reverse DMS task (target → source, issue 18) can still carry every target write back
 * to the source, from what DMS says of it: its status (DescribeReplicationTasks), its tables in {@code Table error}
 * (DescribeTableStatistics) and the changes it logged as not applied in {@code awsdms_apply_exceptions} on its target,
 * the source. The Watch rolls back on a broken one while the rollback still can carry; the rollback then applies the
 * {@link #remedy()}.
 *
 * <p>A stopped or failed task is resumable: StartReplicationTask {@code resume-processing} "replicate[s] the changes
 * from the last stop position" and "is only available for previously executed tasks" (DMS API Reference,
 * StartReplicationTask), so what the task had not applied is read again from its slot. A table in error or a change
 * logged as not applied is not carried by DMS: the documented repair of a failed table is ReloadTables, and "the
 * migration method for the task must be either full load or full load with CDC" (DMS User Guide, "Reloading tables
 * during a task"), while the reverse task is CDC only; a logged change is not re-applied by DMS. So the rollback copies
 * those tables itself, from the target onto the source by primary key, once the target is fenced and the reverse
 * drain has seen every other change applied: nothing writes either side then, so the copy is the table's final state.
 * Only a task in a state it cannot be resumed from leaves the rollback nothing to do but refuse.
 *
 * @param status           the task status DMS reports, lowercase ({@code running}, {@code stopped}, {@code failed}...)
 * @param erroredTables    {@code schema.table} of each table in {@code Table error}
 * @param notAppliedTables {@code schema.table} of each table with a change logged in awsdms_apply_exceptions by the
 *                         reverse task since the forward fence
 * @param mismatchedTables {@code schema.table} of each table whose rows the reverse task's validation found to differ
 *                         between the target and the source ({@code ValidationFailedRecords}): the source's copy is
 *                         wrong there, whatever the cause, and copying the table from the fenced target repairs it
 */
public record ReverseTaskHealth(String taskArn, String status, List<String> erroredTables,
                                List<String> notAppliedTables, List<String> mismatchedTables) {
    /** What the rollback does about it. */
    public enum Remedy {
        /** Healthy: the reverse drain carries everything. */
        NONE,
        /** Stopped or failed: resume-processing, then the reverse drain. */
        RESUME,
        /** Tables the task left behind: after the target's fence and the reverse drain, copied onto the source. */
        COPY_TABLES,
        /** Both: resumed before the drain, the tables copied after it. */
        RESUME_AND_COPY_TABLES,
        /** A task that never ran or is going away carries nothing: the rollback refuses. */
        NONE_DOCUMENTED
    }

    /** Reading and applying. {@code starting} is the state right after StartReplicationTask. */
    private static final Set<String> CARRYING = Set.of("running", "starting");
    /** At rest, or on the way there, after having run: resume-processing goes on from the last stop position. */
    private static final Set<String> RESUMABLE = Set.of("stopped", "failed", "stopping");

    public ReverseTaskHealth {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(status, "status");
        erroredTables = List.copyOf(new TreeSet<>(erroredTables));
        notAppliedTables = List.copyOf(new TreeSet<>(notAppliedTables));
        mismatchedTables = List.copyOf(new TreeSet<>(mismatchedTables));
    }

    /** Without validation findings. */
    public ReverseTaskHealth(String taskArn, String status, List<String> erroredTables, List<String> notAppliedTables) {
        this(taskArn, status, erroredTables, notAppliedTables, List.of());
    }

    public boolean broken() {
        return remedy() != Remedy.NONE;
    }

    /** Tables whose changes since the switch the task did not or will not apply to the source, or applied wrong. */
    public List<String> tablesNotCarried() {
        TreeSet<String> tables = new TreeSet<>(erroredTables);
        tables.addAll(notAppliedTables);
        tables.addAll(mismatchedTables);
        return List.copyOf(tables);
    }

    public Remedy remedy() {
        boolean tablesLeft = !tablesNotCarried().isEmpty();
        if (CARRYING.contains(status)) {
            return tablesLeft ? Remedy.COPY_TABLES : Remedy.NONE;
        }
        if (RESUMABLE.contains(status)) {
            return tablesLeft ? Remedy.RESUME_AND_COPY_TABLES : Remedy.RESUME;
        }
        return Remedy.NONE_DOCUMENTED;
    }

    /** The rollback resumes the task before its drain. */
    public boolean resumes() {
        return remedy() == Remedy.RESUME || remedy() == Remedy.RESUME_AND_COPY_TABLES;
    }

    /** One line per problem, empty when healthy. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!CARRYING.contains(status)) {
            problems.add("the reverse DMS task " + taskArn + " is " + status + (RESUMABLE.contains(status)
                    ? ": the target's writes since then are not carried to the source until it is resumed"
                    : ": it carries nothing to the source"));
        }
        if (!erroredTables.isEmpty()) {
            problems.add("the reverse DMS task has tables in 'Table error' (their changes are no longer applied to"
                    + " the source; a rollback copies them from the target): " + erroredTables);
        }
        if (!notAppliedTables.isEmpty()) {
            problems.add("the reverse DMS task logged changes it could not apply to the source"
                    + " (awsdms_apply_exceptions; a rollback copies those tables from the target) for "
                    + notAppliedTables);
        }
        if (!mismatchedTables.isEmpty()) {
            problems.add("the reverse DMS task's validation found rows that differ between the target and the source"
                    + " (ValidationFailedRecords; a rollback copies those tables from the target) in "
                    + mismatchedTables);
        }
        return List.copyOf(problems);
    }

    /** Why a rollback cannot carry the target's writes back; only for {@link Remedy#NONE_DOCUMENTED}. */
    public String whyNotCarried() {
        return "the reverse DMS task " + taskArn + " is " + status + ", a state it cannot be resumed from, so the"
                + " reverse drain cannot show that the target's writes reached the source";
    }
}
