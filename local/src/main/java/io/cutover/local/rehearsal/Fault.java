package io.cutover.local.rehearsal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fault the rehearsal injects, written {@code KIND@WHEN}: {@code lag@50}, {@code alarm@80},
 * {@code alarm@watch}, {@code target-down@switch}, {@code source-slow@drain}, and the ones a switch check must catch
 * before the writer moves: {@code sequence-missing@switch}, {@code replica-role@switch}, {@code prepared-xact@fence},
 * {@code fence-bypass@drain}; and, with {@code --replication dms}, the DMS stand-in's own faults: {@code task-failed},
 * {@code task-stopped}, {@code table-error} and {@code validation-failed} at a reader step or {@code @switch} (as the
 * fence begins), {@code apply-exception} at a reader step or {@code @drain}, and {@code lag@switch}; and
 * {@code task-failed}, {@code task-stopped}, {@code table-error}, {@code validation-failed} and {@code apply-exception}
 * {@code @watch}, injected
 * into the reverse task (target to source, started at the switch: the forward task is stopped then) once the target
 * has acknowledged {@link #WRITES_BEFORE_WATCH_ALARM} writes: the Watch must see the fall-back path broken and roll
 * back, the rollback resume a stopped or failed reverse task and carry every target write back, and copy from the
 * target, once it is fenced and drained, a table the task left behind (a table in error, a change refused and logged
 * as not applied), or a table whose rows its validation found to differ on the source ({@code validation-failed}).
 * {@code lag} has no {@code @watch} form: a reverse task behind is waited for by the rollback's drain, like a healthy
 * one.
 *
 * @param percent the reader step the fault follows, for the kinds that happen during a reader step; 0 otherwise
 */
public record Fault(Kind kind, int percent) {
    /** What breaks, and the only moment it can be injected at when that is fixed. */
    public enum Kind {
        /** The target stops applying replication right after a reader shift: the health check must catch it. */
        LAG("lag", null, "the target stops applying replication after the reader shift to that percent"),
        /** A watched CloudWatch alarm goes to ALARM right after a reader shift: the alarm function rolls back. */
        ALARM("alarm", null, "a watched CloudWatch alarm fires after the reader shift to that percent"),
        /**
         * A watched alarm fires while the workflow watches after the switch, once the target has acknowledged
         * {@link #WRITES_BEFORE_WATCH_ALARM} writes: the rollback must carry them back (issue 18).
         */
        ALARM_WATCH("alarm", "watch", "a watched CloudWatch alarm fires while watching after the switch, once the "
                + "target acknowledged " + Fault.WRITES_BEFORE_WATCH_ALARM + " writes"),
        /** The target refuses connections just before the writer switch. */
        TARGET_DOWN("target-down", "switch", "the target refuses connections just before the writer switch"),
        /** The source's walsender stops sending from the fence on, so the drain cannot finish in time. */
        SOURCE_SLOW("source-slow", "drain", "the source stops sending replication from the fence on: the drain "
                + "waits for writes that do not arrive"),
        /** A sequence the source hands out is missing on the target as the sequences are synced. */
        SEQUENCE_MISSING("sequence-missing", "switch", "a free-standing sequence is missing on the target (renamed "
                + "away) as the sequences are synced: syncSequences must stop the switch"),
        /** The target's server default of session_replication_role is replica, as a parameter group pinned to it. */
        REPLICA_ROLE("replica-role", "switch", "the target's server default of session_replication_role is replica "
                + "(ALTER SYSTEM, as a parameter group pinned to it): resetSessionReplicationRole must stop the switch"),
        /** A prepared transaction waits on the source as the fence begins (COMMIT PREPARED works read-only). */
        PREPARED_XACT("prepared-xact", "fence", "a prepared transaction waits on the source as the fence begins: "
                + "fenceSource must refuse"),
        /** A session of the fenced role turns the read-only default off and writes, after the fence. */
        FENCE_BYPASS("fence-bypass", "drain", "a session of the fenced role runs SET default_transaction_read_only "
                + "= off and writes as the drain begins: checkFence must stop the switch"),
        /** DMS (--replication dms) logs a change it could not apply, after the fence, as the drain begins. */
        APPLY_EXCEPTION("apply-exception", "drain", "DMS logs a change to the journal table it could not apply "
                + "(awsdms_apply_exceptions) as the drain begins: the drain must fail (--replication dms only)", true),
        /** DMS logs a change it could not apply right after a reader shift. */
        APPLY_EXCEPTION_STEP("apply-exception", null, "DMS logs a change to the journal table it could not apply "
                + "(awsdms_apply_exceptions) after the reader shift to that percent: the health check must catch it"
                + " (--replication dms only)", true),
        /** The DMS task fails right after a reader shift (REPLICATION_TASK_FAILED). */
        TASK_FAILED("task-failed", null, "the DMS task fails (status failed, FATAL_ERROR) after the reader shift to"
                + " that percent: the health check must catch it (--replication dms only)", true),
        /** The DMS task fails as the fence begins: nothing more is applied, the drain's marker never arrives. */
        TASK_FAILED_SWITCH("task-failed", "switch", "the DMS task fails as the fence begins: the drain's marker never"
                + " reaches the target, so the drain must time out (--replication dms only)", true),
        /** Someone stops the DMS task right after a reader shift (StopReplicationTask). */
        TASK_STOPPED("task-stopped", null, "the DMS task is stopped (StopReplicationTask) after the reader shift to"
                + " that percent: the health check must catch it (--replication dms only)", true),
        /** Someone stops the DMS task as the fence begins. */
        TASK_STOPPED_SWITCH("task-stopped", "switch", "the DMS task is stopped (StopReplicationTask) as the fence"
                + " begins: the drain's marker never reaches the target, so the drain must time out"
                + " (--replication dms only)", true),
        /** DMS suspends the journal table in 'Table error' right after a reader shift. */
        TABLE_ERROR("table-error", null, "DMS suspends the journal table in 'Table error' (its changes are no longer"
                + " applied) after the reader shift to that percent: the health check must catch it"
                + " (--replication dms only)", true),
        /** DMS suspends the journal table in 'Table error' as the fence begins. */
        TABLE_ERROR_SWITCH("table-error", "switch", "DMS suspends the journal table in 'Table error' as the fence"
                + " begins: the drain's marker arrives but its table statistics must stop the switch"
                + " (--replication dms only)", true),
        /** DMS validation finds rows that differ right after a reader shift. */
        VALIDATION_FAILED("validation-failed", null, "DMS validation reports rows of the journal table that differ"
                + " between the databases after the reader shift to that percent: the health check must catch it"
                + " (--replication dms only)", true),
        /** DMS validation finds rows that differ as the fence begins. */
        VALIDATION_FAILED_SWITCH("validation-failed", "switch", "DMS validation reports rows of the journal table"
                + " that differ as the fence begins: the drain's table statistics must stop the switch"
                + " (--replication dms only)", true),
        /** The reverse DMS task fails while watching after the switch: the Watch rolls back, the rollback resumes it. */
        TASK_FAILED_WATCH("task-failed", "watch", "the reverse DMS task (target to source) fails while watching after"
                + " the switch, once the target acknowledged " + Fault.WRITES_BEFORE_WATCH_ALARM + " writes: the watch"
                + " must roll back and the rollback resume it and carry every target write back (--replication dms"
                + " only)", true),
        /** The reverse task's validation finds a journal row the source holds differently, while watching. */
        VALIDATION_FAILED_WATCH("validation-failed", "watch", "the source's copy of a journal row the target wrote"
                + " differs (its client id negated on the source) and the reverse DMS task's validation reports it"
                + " (ValidationFailedRecords) while watching after the switch, once the target acknowledged "
                + Fault.WRITES_BEFORE_WATCH_ALARM + " writes: the watch must roll back and the rollback copy the table"
                + " from the target once it is fenced and drained, putting the row right (--replication dms only)",
                true),
        /** Someone stops the reverse DMS task while watching after the switch. */
        TASK_STOPPED_WATCH("task-stopped", "watch", "the reverse DMS task is stopped (StopReplicationTask) while"
                + " watching after the switch, once the target acknowledged " + Fault.WRITES_BEFORE_WATCH_ALARM
                + " writes: the watch must roll back and the rollback resume it and carry every target write back"
                + " (--replication dms only)", true),
        /** DMS suspends the journal table of the reverse task in 'Table error' while watching after the switch. */
        TABLE_ERROR_WATCH("table-error", "watch", "the reverse DMS task suspends the journal table in 'Table error'"
                + " while watching after the switch, once the target acknowledged " + Fault.WRITES_BEFORE_WATCH_ALARM
                + " writes: the watch must roll back and the rollback copy the table from the target once it is"
                + " fenced and drained (ReloadTables, DMS's own repair, needs a full-load task), carrying every target"
                + " write back (--replication dms only)", true),
        /** The source refuses a change of the reverse DMS task while watching after the switch; DMS logs it. */
        APPLY_EXCEPTION_WATCH("apply-exception", "watch", "the source refuses the reverse DMS task's next change to"
                + " the journal table, which DMS logs as not applied (awsdms_apply_exceptions), while watching after"
                + " the switch, once the target acknowledged " + Fault.WRITES_BEFORE_WATCH_ALARM + " writes: the watch"
                + " must roll back and the rollback copy the table from the target once it is fenced and drained,"
                + " carrying every target write back (--replication dms only)", true),
        /** The DMS task falls far behind as the fence begins: the marker arrives after the drain deadline. */
        DMS_LAG_SWITCH("lag", "switch", "the DMS task falls five minutes (a production drain deadline) behind as"
                + " the fence begins: the drain's marker"
                + " arrives after the drain deadline, so the drain must time out (--replication dms only; the"
                + " stand-in's CDC latency is in real seconds, so lag@PERCENT cannot reach the 30 s reader threshold"
                + " within a rehearsal's bake)", true);

        private final String wireName;
        private final String fixedMoment;
        private final String description;
        private final boolean dms;

        Kind(String wireName, String fixedMoment, String description) {
            this(wireName, fixedMoment, description, false);
        }

        Kind(String wireName, String fixedMoment, String description, boolean dms) {
            this.wireName = wireName;
            this.fixedMoment = fixedMoment;
            this.description = description;
            this.dms = dms;
        }

        /** True for the DMS stand-in's faults, which need {@code --replication dms}. */
        public boolean dms() {
            return dms;
        }

        /** How it is written, e.g. {@code task-failed@PERCENT} or {@code task-failed@switch}. */
        public String form() {
            return wireName + "@" + (fixedMoment == null ? "PERCENT" : fixedMoment);
        }

        public String wireName() {
            return wireName;
        }

        public String description() {
            return description;
        }

        /** True for the kinds injected while watching after the switch ({@code @watch}). */
        public boolean atWatch() {
            return "watch".equals(fixedMoment);
        }

        /** True when WHEN is a reader step percent rather than a fixed workflow moment. */
        public boolean atReaderStep() {
            return fixedMoment == null;
        }
    }

    public static final List<String> FORMS = Arrays.stream(Kind.values()).map(Kind::form).toList();
    /** alarm@watch waits for this many writes acknowledged by the target; a run with fewer is not safe. */
    public static final int WRITES_BEFORE_WATCH_ALARM = 100;

    /** @param readerSteps the config's reader steps: a step fault must name one of them */
    public static Fault parse(String text, List<Integer> readerSteps) {
        String spec = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int at = spec.indexOf('@');
        if (at <= 0 || at == spec.length() - 1) {
            throw new IllegalArgumentException("--inject: '" + text + "' is not KIND@WHEN; expected one of " + FORMS);
        }
        String kindName = spec.substring(0, at);
        String when = spec.substring(at + 1);
        List<Kind> named = Arrays.stream(Kind.values()).filter(k -> k.wireName.equals(kindName)).toList();
        if (named.isEmpty()) {
            throw new IllegalArgumentException("--inject: unknown fault kind '" + kindName + "' in '" + text
                    + "'; expected one of " + FORMS);
        }
        // One wire name may have a fixed-moment form (alarm@watch) beside its reader-step form (alarm@80).
        Kind fixed = named.stream().filter(k -> when.equals(k.fixedMoment)).findFirst().orElse(null);
        if (fixed != null) {
            return new Fault(fixed, 0);
        }
        Kind kind = named.stream().filter(Kind::atReaderStep).findFirst().orElse(null);
        List<String> forms = named.stream().map(Kind::form).toList();
        if (kind == null) {
            Kind only = named.getFirst();
            throw new IllegalArgumentException("--inject: " + only.wireName + " happens at '" + String.join("' or '",
                    named.stream().map(k -> k.fixedMoment).toList()) + "', not '" + when + "' (write "
                    + String.join(" or ", forms) + ")");
        }
        if (!when.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("--inject: " + kind.wireName + "@" + when + " needs a reader step "
                    + "percent, one of " + readerSteps + (forms.size() > 1 ? "; its forms are " + forms : "")
                    + (kind.dms && "watch".equals(when) ? " (" + kind.wireName + " has no @watch form: a reverse"
                    + " task behind leaves no target write behind, the rollback's drain waits for it)" : ""));
        }
        int percent;
        try {
            percent = Integer.parseInt(when);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--inject: " + kind.wireName + "@" + when + " needs a reader step "
                    + "percent, one of " + readerSteps);
        }
        if (!readerSteps.contains(percent)) {
            throw new IllegalArgumentException("--inject: " + kind.wireName + "@" + percent + " is not a reader step;"
                    + " the steps are " + readerSteps);
        }
        return new Fault(kind, percent);
    }

    /** The form it was given in, e.g. {@code lag@50}. */
    public String describe() {
        return kind.wireName + "@" + (kind.atReaderStep() ? Integer.toString(percent) : kind.fixedMoment);
    }

    @Override
    public String toString() {
        return describe();
    }
}
