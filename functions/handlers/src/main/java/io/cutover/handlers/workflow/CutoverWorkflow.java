package io.cutover.handlers.workflow;

import static io.cutover.handlers.workflow.Asl.choice;
import static io.cutover.handlers.workflow.Asl.fail;
import static io.cutover.handlers.workflow.Asl.fields;
import static io.cutover.handlers.workflow.Asl.map;
import static io.cutover.handlers.workflow.Asl.parallel;
import static io.cutover.handlers.workflow.Asl.pass;
import static io.cutover.handlers.workflow.Asl.publish;
import static io.cutover.handlers.workflow.Asl.succeed;
import static io.cutover.handlers.workflow.Asl.task;
import static io.cutover.handlers.workflow.Asl.waitFor;
import static io.cutover.handlers.workflow.Asl.workflow;
import static io.cutover.handlers.workflow.JsonPaths.EXECUTION_NAME;
import static io.cutover.handlers.workflow.JsonPaths.MAP_ITEM;
import static io.cutover.handlers.workflow.JsonPaths.MIGRATION_ID;
import static io.cutover.handlers.workflow.JsonPaths.arrayLength;
import static io.cutover.handlers.workflow.JsonPaths.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.handlers.errors.CutoverAbortedException;
import io.cutover.handlers.errors.LockHeldException;
import io.cutover.handlers.errors.RestoreNotReadyException;
import io.cutover.handlers.errors.RollbackRequestedException;
import io.cutover.handlers.tasks.Abandon;
import io.cutover.handlers.tasks.CheckFence;
import io.cutover.handlers.tasks.CheckReadiness;
import io.cutover.handlers.tasks.CheckRestore;
import io.cutover.handlers.tasks.Complete;
import io.cutover.handlers.tasks.CreateRestoredWriter;
import io.cutover.handlers.tasks.Drain;
import io.cutover.handlers.tasks.FenceSource;
import io.cutover.handlers.tasks.FinishRollback;
import io.cutover.handlers.tasks.LowerRecordTtl;
import io.cutover.handlers.tasks.PrecountRows;
import io.cutover.handlers.tasks.PrepareReverseReplication;
import io.cutover.handlers.tasks.PresyncSequences;
import io.cutover.handlers.tasks.Preflight;
import io.cutover.handlers.tasks.RecordRollbackPoint;
import io.cutover.handlers.tasks.Recover;
import io.cutover.handlers.tasks.ResetSessionReplicationRole;
import io.cutover.handlers.tasks.RestoreRecordTtl;
import io.cutover.handlers.tasks.Rollback;
import io.cutover.handlers.tasks.ShiftReaders;
import io.cutover.handlers.tasks.SnapshotSource;
import io.cutover.handlers.tasks.StartReverseReplication;
import io.cutover.handlers.tasks.StopReplication;
import io.cutover.handlers.tasks.SwitchWriter;
import io.cutover.handlers.tasks.SyncSequences;
import io.cutover.handlers.tasks.VerifyHealth;
import io.cutover.handlers.tasks.VerifyRowCounts;
import io.cutover.handlers.tasks.Watch;
import io.cutover.handlers.tasks.WorkflowTask;
import java.util.List;

/**
 * The cutover workflow, state by state: the source statemachine/cutover.asl.json is generated from ({@code ./build
 * asl}). Every WorkflowTasks state gets its function, base parameters, timeout, retries and roll-back catch from
 * {@link LambdaTask}; what is written here is what differs. docs/contracts.md says what each task takes and returns.
 */
public final class CutoverWorkflow {
    private static final Workflow WORKFLOW = workflow("Cutover of a PostgreSQL source to Aurora: preflight, readiness"
                    + " gate, stepped reader shift, fenced writer switch, watch, complete; any failure after traffic"
                    + " moved rolls back. Deliberately no TimeoutSeconds: an execution timeout would skip the rollback"
                    + " path.",

            // Entry: a cutover, or (handOver in the input) the recovery a rollback outside the workflow handed over.
            choice("Start")
                    .comment("An alarm or API rollback reverts traffic in one invocation and hands the target's"
                            + " recovery, which waits for RDS far longer, to an execution started with a handOver.")
                    .whenStrings("HandOverRecovery", "$.handOver.requestedBy", "$.handOver.reason",
                            "$.handOver.strategy")
                    .whenPresent("$.handOver", "InvalidExecutionInput")
                    .otherwise("NoHandOver"),
            fail("InvalidExecutionInput")
                    .comment("Nothing was read or changed.")
                    .error("InvalidExecutionInput")
                    .cause("handOver must be {\"requestedBy\": string, \"reason\": string, \"strategy\":"
                            + " \"dns\"|\"backtrack\"|\"pitr\"} (docs/contracts.md, Execution input)"),
            pass("HandOverRecovery")
                    .parameters(fields().withPath("handOver", "$.handOver"))
                    .resultPath("$.recoveryInput")
                    .next("DescribeHandOver"),
            pass("DescribeHandOver")
                    .comment("Describes the rollback like a caught error, for the notifications.")
                    .parameters(fields().with("Error", "RollbackHandedOver").withPath("Cause", "$.handOver.reason"))
                    .resultPath("$.error")
                    .next("Recover"),
            pass("NoHandOver")
                    .result(fields().withNull("handOver"))
                    .resultPath("$.recoveryInput")
                    .next("Preflight"),

            // Preflight: nothing has changed yet, so its failures just fail.
            task("Preflight", new Preflight())
                    .comment("Config valid, record groups a weighted pair, replication running, target available,"
                            + " lock taken. Returns the plan (polls, bakes, steps, deadline).")
                    .resultPath("$.plan")
                    .catching(LockHeldException.class, "LockHeld")
                    .onAnyError("PreflightFailed")
                    .next("CheckReaderReadiness"),
            fail("LockHeld")
                    .comment("Another execution holds the lock: nothing to undo and the lock is not ours to release.")
                    .error("LockHeld").causePath("$.error.Cause"),
            fail("PreflightFailed")
                    .comment("Preflight changed nothing.")
                    .error("PreflightFailed").causePath("$.error.Cause"),

            // Reader gate: no weight has moved, so an error or the deadline abandons instead of rolling back.
            task("CheckReaderReadiness", new CheckReadiness())
                    .with("gate", "reader").withPath("deadline", "$.plan.readinessDeadline")
                    .resultPath("$.readiness")
                    .onAnyError("Abandon")
                    .next("IsReaderReady"),
            choice("IsReaderReady")
                    .whenTrue("$.readiness.ready", "RecordRollbackPoint")
                    .whenTrue("$.readiness.deadlinePassed", "ReaderReadinessTimedOut")
                    .otherwise("WaitForReaderReadiness"),
            waitFor("WaitForReaderReadiness").secondsPath("$.plan.pollSeconds").next("CheckReaderReadiness"),
            pass("ReaderReadinessTimedOut")
                    .comment("Describes the timeout like a caught error so Abandon and the final Fail treat both"
                            + " alike.")
                    .parameters(fields().with("Error", "ReadinessTimedOut").withPath("Cause", "$.readiness.summary"))
                    .resultPath("$.error")
                    .next("Abandon"),

            // Abandon: the way out before any weight moved.
            task("Abandon", new Abandon())
                    .comment("No weight has moved: release the lock and record the outcome, touching nothing else.")
                    .withPath("cause", "$.error")
                    .resultPath("$.abandon")
                    .retry(Retries.UNWINDING)
                    .onAnyError("AbandonFailed", "$.abandonError")
                    .next("NotifyAbandoned"),
            publish("NotifyAbandoned", "Cutover abandoned before any traffic moved",
                    format("Cutover {} ({}) abandoned, no traffic moved. {}: {}",
                            MIGRATION_ID, EXECUTION_NAME, "$.error.Error", "$.error.Cause"))
                    .next("CutoverAbandoned"),
            fail("CutoverAbandoned").errorPath("$.error.Error").causePath("$.error.Cause"),
            fail("AbandonFailed")
                    .comment("No weight moved, but the lock may still be held by this execution: release it by hand.")
                    .error("AbandonFailed").causePath("$.abandonError.Cause"),

            task("RecordRollbackPoint", new RecordRollbackPoint())
                    .resultPath("$.rollbackPoint")
                    .onAnyError("Abandon")
                    .next("LowerRecordTtl"),
            // Issue 20: a resolver keeps an answer for the record's TTL. Lowered here, before the reader steps, the old
            // TTL has usually passed by the fence; WaitForDnsCaches waits out what is left. A failure rolls back, which
            // restores the TTL.
            task("LowerRecordTtl", new LowerRecordTtl())
                    .comment("dns.cutoverTtlSeconds on both records of every group, weights kept; returns"
                            + " cachesExpireAt, when no answer cached under the old TTL is left.")
                    .resultPath("$.recordTtl")
                    .next("ShiftReadersInSteps"),

            // Reader steps: from here on, any failure rolls back (LambdaTask's default catch).
            map("ShiftReadersInSteps")
                    .comment("One reader step at a time: shift, bake, verify.")
                    .itemsPath("$.plan.steps")
                    .itemSelector(fields().withPath("percent", MAP_ITEM).withPath("migrationId", MIGRATION_ID)
                            .withPath("bakeSeconds", "$.plan.bakeSeconds"))
                    .maxConcurrency(1)
                    .inline(task("ShiftReaders", new ShiftReaders())
                                    .withPath("percent", "$.percent")
                                    .resultPath("$.shift")
                                    .uncaught()
                                    .next("BakeReaders"),
                            waitFor("BakeReaders").secondsPath("$.bakeSeconds").next("VerifyReaderHealth"),
                            task("VerifyReaderHealth", new VerifyHealth())
                                    .withPath("percent", "$.percent")
                                    .resultPath("$.health")
                                    .uncaught()
                                    .end())
                    .discardResult()
                    .onAnyError("RollBack")
                    .next("OpenWriterGate"),

            // Writer gate.
            pass("OpenWriterGate")
                    .comment("A null deadline asks checkReadiness to open a fresh readiness window for the writer"
                            + " gate.")
                    .result(fields().withNull("deadline"))
                    .resultPath("$.writerReadiness")
                    .next("CheckWriterReadiness"),
            task("CheckWriterReadiness", new CheckReadiness())
                    .with("gate", "writer").withPath("deadline", "$.writerReadiness.deadline")
                    .resultPath("$.writerReadiness")
                    .next("IsWriterReady"),
            choice("IsWriterReady")
                    .whenTrue("$.writerReadiness.ready", "PrepareSwitch")
                    .whenTrue("$.writerReadiness.deadlinePassed", "WriterReadinessTimedOut")
                    .otherwise("WaitForWriterReadiness"),
            waitFor("WaitForWriterReadiness").secondsPath("$.plan.pollSeconds").next("CheckWriterReadiness"),
            pass("WriterReadinessTimedOut")
                    .comment("Readers have moved, so a writer-gate timeout rolls back.")
                    .parameters(fields().with("Error", "ReadinessTimedOut")
                            .withPath("Cause", "$.writerReadiness.summary"))
                    .resultPath("$.error")
                    .next("RollBack"),

            // Writer switch: fence, drain, sequences, checks, then the writer moves once.
            parallel("PrepareSwitch")
                    .comment("Before the fence, side by side: the settled rows counted and every sequence pre-synced,"
                            + " so the window counts only recent rows and reads only the sequences' positions. Two"
                            + " invocations at once also leave two warm Lambda execution environments for SwitchChecks,"
                            + " whose branches run at once inside the window (a concurrent request needs an environment"
                            + " of its own). A failing branch stops the other and rolls back.")
                    .branch(task("PrecountRows", new PrecountRows())
                            .comment("The settled rows of the row-count tables, counted on both sides, so"
                                    + " VerifyRowCounts counts only the recent ones while writes are down. Before the"
                                    + " DNS wait, so the two overlap.")
                            .resultPath("$.precount")
                            .uncaught()
                            .end())
                    .branch(task("PresyncSequences", new PresyncSequences())
                            .comment("Every sequence synced, fed columns read, so SyncSequences reads only the"
                                    + " source's positions and the columns found past their sequence while writes are"
                                    + " down. A sequence that cannot be carried over stops the cutover here.")
                            .resultPath("$.sequencePresync")
                            .uncaught()
                            .end())
                    .selectResult("precount", "$[0].precount")
                    .selectResult("sequencePresync", "$[1].sequencePresync")
                    .resultPath("$.prepareSwitch")
                    .onAnyError("RollBack")
                    .next("PrepareReverseReplication"),
            task("PrepareReverseReplication", new PrepareReverseReplication())
                    .comment("Before the fence: the reverse publication and slot on the target (native, PostgreSQL"
                            + " 16+), so the switch does not wait for the slot's snapshot while writes are down. Not"
                            + " beside PrepareSwitch: a rollback caught from there could drop the prepared slot while"
                            + " this invocation, still running in AWS, creates it.")
                    .selectResult("prepared", "$.prepared")
                    .resultPath("$.reversePrepared")
                    .next("WaitForDnsCaches"),
            waitFor("WaitForDnsCaches")
                    .comment("Until the lowering's INSYNC plus the longest old TTL: a timestamp already past (the"
                            + " reader steps or the precount took longer) does not wait.")
                    .timestampPath("$.recordTtl.cachesExpireAt")
                    .next("SnapshotSource"),
            task("SnapshotSource", new SnapshotSource()).resultPath("$.snapshot").next("FenceSource"),
            task("FenceSource", new FenceSource())
                    .selectResult("fenceLsn", "$.fenceLsn")
                    .selectResult("fencedRoles", arrayLength("$.fencedRoles"))
                    .resultPath("$.fence")
                    .next("SwitchChecks"),
            parallel("SwitchChecks")
                    .comment("While writes are down the sequences are set beside the drain and the checks that need"
                            + " it: the source's positions are final once it is fenced, and the fed columns read again"
                            + " are read on the source as well as the target. The two invocations at once find the"
                            + " two warm environments PrepareSwitch left. A failing branch stops the other and rolls"
                            + " back.")
                    .branch(task("Drain", new Drain()).resultPath("$.drain").uncaught()
                                    .next("ResetSessionReplicationRole"),
                            task("ResetSessionReplicationRole", new ResetSessionReplicationRole())
                                    .resultPath("$.sessionReplicationRole")
                                    .uncaught()
                                    .next("VerifyRowCounts"),
                            task("VerifyRowCounts", new VerifyRowCounts())
                                    .selectResult("tables", "$.tables")
                                    .resultPath("$.rowCounts")
                                    .uncaught()
                                    .end())
                    .branch(task("SyncSequences", new SyncSequences())
                            .selectResult("synced", "$.synced")
                            .resultPath("$.sequences")
                            .uncaught()
                            .end())
                    .selectResult("drain", "$[0].drain")
                    .selectResult("sessionReplicationRole", "$[0].sessionReplicationRole")
                    .selectResult("rowCounts", "$[0].rowCounts")
                    .selectResult("sequences", "$[1].sequences")
                    .resultPath("$.switchChecks")
                    .onAnyError("RollBack")
                    .next("StartReverseReplication"),
            task("StartReverseReplication", new StartReverseReplication())
                    .comment("Forward replication stopped, then the reverse slot and subscription (target to source)"
                            + " created: no forward-applied change lands after the reverse slot's start.")
                    .selectResult("started", "$.started")
                    .resultPath("$.reverseReplication")
                    .next("CheckFence"),
            task("CheckFence", new CheckFence())
                    .comment("Nothing wrote to a replicated table on the source past the fence (a session can turn"
                            + " the read-only default off): the last check before the writer moves.")
                    .resultPath("$.fenceCheck")
                    .next("SwitchWriter"),
            task("SwitchWriter", new SwitchWriter())
                    .selectResult("switchedAt", "$.switchedAt")
                    .resultPath("$.switch")
                    .next("StopReplication"),
            task("StopReplication", new StopReplication())
                    .selectResult("stopped", arrayLength("$.stopped"))
                    .resultPath("$.replication")
                    .next("Watch"),

            // Watch until watchAfterSwitchSeconds passed; an alarm rolls back.
            task("Watch", new Watch())
                    .comment("An alarm in ALARM, or over DMS a broken reverse task (stopped, failed, a table in error,"
                            + " a change it could not apply: ReverseReplicationBrokenException), rolls back.")
                    .withPath("since", "$.switch.switchedAt")
                    .resultPath("$.watch")
                    .next("IsWatchDone"),
            choice("IsWatchDone")
                    .whenTrue("$.watch.done", "Complete")
                    .otherwise("WaitBeforeNextWatch"),
            waitFor("WaitBeforeNextWatch").secondsPath("$.plan.watchPollSeconds").next("Watch"),

            // Complete.
            task("Complete", new Complete())
                    .comment("The cutover itself succeeded: a failure here must not roll it back. A rollback an alarm"
                            + " or the API began first is joined: its recovery was left to this execution.")
                    .resultPath("$.outcome")
                    .catching(CutoverAbortedException.class, "RollBack")
                    .catching(RollbackRequestedException.class, "RollBack")
                    .onAnyError("CompletionNotRecorded", "$.completeError")
                    .next("RestoreRecordTtl"),
            task("RestoreRecordTtl", new RestoreRecordTtl())
                    .comment("The TTL LowerRecordTtl lowered, back. A failure is reported in the output and the"
                            + " cutover stays completed.")
                    .resultPath("$.recordTtlRestore")
                    .retry(Retries.UNWINDING)
                    .onAnyError("NotifyCompleted", "$.recordTtlRestoreError")
                    .next("NotifyCompleted"),
            publish("NotifyCompleted", "Cutover completed",
                    format("Cutover {} ({}) completed: writer and readers on the target.",
                            MIGRATION_ID, EXECUTION_NAME))
                    .next("Succeeded"),
            succeed("Succeeded"),
            fail("CompletionNotRecorded")
                    .comment("Traffic is on the target and stays there; only recording the outcome (and releasing the"
                            + " lock) failed.")
                    .error("CompletionNotRecorded").causePath("$.completeError.Cause"),

            // Rollback: retried harder, and a failure of its own is reported, not rolled back again.
            task("RollBack", new Rollback())
                    .comment("Weights back to the source, source unfenced. Retries harder than forward steps, but a"
                            + " bounded number of times.")
                    .withPath("cause", "$.error")
                    .resultPath("$.rollback")
                    .retry(Retries.UNWINDING)
                    .onAnyError("NotifyRollbackFailed", "$.rollbackError")
                    .next("RestoreRecordTtlAfterRollback"),
            task("RestoreRecordTtlAfterRollback", new RestoreRecordTtl())
                    .comment("Traffic is back on the source: the TTL goes back too. A failure is reported in the"
                            + " output, never a failed rollback.")
                    .resultPath("$.rollbackRecordTtl")
                    .retry(Retries.UNWINDING)
                    .onAnyError("Recover", "$.rollbackRecordTtlError")
                    .next("Recover"),
            task("Recover", new Recover())
                    .comment("Backtrack, or the start of a point-in-time restore (a new cluster, without instances).")
                    .withPath("handOver", "$.recoveryInput.handOver")
                    .resultPath("$.recovery")
                    .retry(Retries.UNWINDING)
                    .onAnyError("NotifyRollbackFailed", "$.rollbackError")
                    .next("IsRestoring"),
            choice("IsRestoring")
                    .whenTrue("$.recovery.restoring", "WaitForRestoredCluster")
                    .otherwise("FinishRollback"),

            // A point-in-time restore: minutes to hours, so the waiting is done here, never in one invocation.
            waitFor("WaitForRestoredCluster").secondsPath("$.recovery.pollSeconds").next("CheckRestoredCluster"),
            task("CheckRestoredCluster", new CheckRestore())
                    .with("resource", "cluster").withPath("deadline", "$.recovery.deadline")
                    .resultPath("$.clusterRestore")
                    .retry(Retries.RESTORE_STEPS)
                    .onAnyError("NotifyRollbackFailed", "$.rollbackError")
                    .next("IsRestoredClusterAvailable"),
            choice("IsRestoredClusterAvailable")
                    .whenTrue("$.clusterRestore.available", "CreateRestoredWriter")
                    .whenTrue("$.clusterRestore.deadlinePassed", "RestoredClusterTimedOut")
                    .otherwise("WaitForRestoredCluster"),
            task("CreateRestoredWriter", new CreateRestoredWriter())
                    .comment("RDS adds instances only to an available cluster; if it is not (any more), look again.")
                    .resultPath("$.restoredWriter")
                    .retry(Retries.RESTORE_STEPS)
                    .catching(RestoreNotReadyException.class, "WaitForRestoredCluster", "$.restoreNotReady")
                    .onAnyError("NotifyRollbackFailed", "$.rollbackError")
                    .next("WaitForRestoredWriter"),
            waitFor("WaitForRestoredWriter").secondsPath("$.recovery.pollSeconds").next("CheckRestoredWriter"),
            task("CheckRestoredWriter", new CheckRestore())
                    .with("resource", "writer").withPath("deadline", "$.recovery.deadline")
                    .resultPath("$.writerRestore")
                    .retry(Retries.RESTORE_STEPS)
                    .onAnyError("NotifyRollbackFailed", "$.rollbackError")
                    .next("IsRestoredWriterAvailable"),
            choice("IsRestoredWriterAvailable")
                    .whenTrue("$.writerRestore.available", "FinishRollback")
                    .whenTrue("$.writerRestore.deadlinePassed", "RestoredWriterTimedOut")
                    .otherwise("WaitForRestoredWriter"),
            pass("RestoredClusterTimedOut")
                    .comment("Traffic is on the source; the restore goes on in RDS but the workflow stops waiting.")
                    .parameters(fields().with("Error", "RestoreTimedOut").withPath("Cause", "$.clusterRestore.summary"))
                    .resultPath("$.rollbackError")
                    .next("NotifyRollbackFailed"),
            pass("RestoredWriterTimedOut")
                    .comment("Traffic is on the source; the writer is still being created but the workflow stops"
                            + " waiting.")
                    .parameters(fields().with("Error", "RestoreTimedOut").withPath("Cause", "$.writerRestore.summary"))
                    .resultPath("$.rollbackError")
                    .next("NotifyRollbackFailed"),
            task("FinishRollback", new FinishRollback())
                    .withPath("handOver", "$.recoveryInput.handOver")
                    .resultPath("$.rollbackOutcome")
                    .retry(Retries.UNWINDING)
                    .onAnyError("NotifyRollbackFailed", "$.rollbackError")
                    .next("NotifyRolledBack"),
            publish("NotifyRolledBack", "Cutover rolled back",
                    format("Cutover {} ({}) rolled back to the source. {}: {}",
                            MIGRATION_ID, EXECUTION_NAME, "$.error.Error", "$.error.Cause"))
                    .next("CutoverRolledBack"),
            fail("CutoverRolledBack").error("CutoverRolledBack").causePath("$.error.Cause"),
            publish("NotifyRollbackFailed", "Cutover rollback FAILED: manual intervention needed",
                    format("Cutover {} ({}): rolling back after {} failed with {}: {}. Traffic and fencing may be"
                                    + " half-way: intervene by hand.",
                            MIGRATION_ID, EXECUTION_NAME, "$.error.Error", "$.rollbackError.Error",
                            "$.rollbackError.Cause"))
                    .comment("Best effort: the execution fails with RollbackFailed either way.")
                    .next("RollbackFailed"),
            fail("RollbackFailed")
                    .comment("Manual intervention needed: the rollback path gave up after its retries.")
                    .error("RollbackFailed").causePath("$.rollbackError.Cause"));

    private CutoverWorkflow() {
    }

    /**
     * The tasks the workflow invokes, each once, in the order its states are written: the one list of tasks the
     * WorkflowTasks function runs. Read from the declared states, without rendering (it runs at function init).
     */
    public static List<WorkflowTask<?, ?>> tasks() {
        return WORKFLOW.tasks();
    }

    /** The whole definition in Amazon States Language, as deployed (a new tree each call). */
    public static ObjectNode toJson() {
        return WORKFLOW.toJson();
    }
}
