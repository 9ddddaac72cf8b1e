package io.cutover.local.rehearsal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fenced switch's write-unavailable stretch on the workflow's side: from the start of the fence task to the
 * moment the writer record moved, broken into the workflow tasks that ran in it (as the phase tracker timed them:
 * task input to task output, each one a Lambda invocation in AWS). What the tasks do not account for is the state
 * machine's own time between them ({@link #betweenTasksMs}). After the record moved, clients still need to resolve
 * it again; that part is DNS and connection pools, not the workflow ({@link WriteGapEstimate}).
 *
 * @param fenceStartedAt  epoch ms, when the (last) fence task began
 * @param recordMovedAt   epoch ms, when the writer record's weights changed (or the switch task ended, if no change
 *                        was logged)
 * @param steps           the tasks in the stretch, in the order they first ran; a task run twice counts once, summed
 * @param betweenTasksMs  the stretch minus the time some task ran: state transitions, the local Lambda invocations'
 *                        overhead
 * @param sideBySideMs    how much of the steps' time ran beside another step (the sequences beside the drain and the
 *                        checks after it, issue 20): the steps add up to the stretch plus this, less betweenTasksMs
 */
public record WindowBreakdown(long fenceStartedAt, long recordMovedAt, List<Step> steps, long betweenTasksMs,
                              long sideBySideMs) {
    /** One part of the stretch: a name for the report and the workflow task it is. */
    public record Step(String name, String task, long ms) {
    }

    /** The report's name of each task that runs between the fence and the writer switch (the state machine's order). */
    static final Map<String, String> NAMES = names();

    public WindowBreakdown {
        steps = List.copyOf(steps);
    }

    public long totalMs() {
        return recordMovedAt - fenceStartedAt;
    }

    /** The named step's milliseconds, 0 when it did not run in the stretch. */
    public long ms(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).mapToLong(Step::ms).sum();
    }

    /**
     * The breakdown of the last fence that ended in a writer switch.
     *
     * @param runs          every task call of the run (any order)
     * @param writerMovedAt epoch ms of the writer record's weight changes (any order); the first one inside the switch
     *                      task ends the stretch
     * @return empty when the writer record never moved forward after a fence (a rollback before the switch, a run
     *         that never fenced)
     */
    public static Optional<WindowBreakdown> of(List<PhaseTracker.TaskRun> runs, List<Long> writerMovedAt) {
        PhaseTracker.TaskRun switchRun = runs.stream().filter(r -> r.task().equals("switchWriter") && !r.failed())
                .max((a, b) -> Long.compare(a.start(), b.start())).orElse(null);
        if (switchRun == null) {
            return Optional.empty();
        }
        PhaseTracker.TaskRun fenceRun = runs.stream().filter(r -> r.task().equals("fenceSource") && !r.failed()
                && r.start() <= switchRun.start()).max((a, b) -> Long.compare(a.start(), b.start())).orElse(null);
        if (fenceRun == null) {
            return Optional.empty();
        }
        long movedAt = writerMovedAt.stream().filter(at -> at >= switchRun.start() && at <= switchRun.end())
                .min(Long::compare).orElse(switchRun.end());
        Map<String, long[]> byName = new LinkedHashMap<>();
        Map<String, String> taskOf = new LinkedHashMap<>();
        List<PhaseTracker.TaskRun> ordered = new ArrayList<>(runs);
        ordered.sort((a, b) -> Long.compare(a.start(), b.start()));
        long covered = 0;
        long coveredUpTo = fenceRun.start();
        for (PhaseTracker.TaskRun run : ordered) {
            if (run.start() < fenceRun.start() || run.start() > movedAt) {
                continue;
            }
            String name = NAMES.getOrDefault(run.task(), run.task());
            long end = Math.min(run.end(), movedAt);
            byName.computeIfAbsent(name, n -> new long[1])[0] += end - run.start();
            taskOf.putIfAbsent(name, run.task());
            // The union of the task runs, in start order: a run beside an earlier one adds only what sticks out.
            long from = Math.max(run.start(), coveredUpTo);
            if (end > from) {
                covered += end - from;
                coveredUpTo = end;
            }
        }
        List<Step> steps = new ArrayList<>();
        byName.forEach((name, ms) -> steps.add(new Step(name, taskOf.get(name), ms[0])));
        long inTasks = steps.stream().mapToLong(Step::ms).sum();
        return Optional.of(new WindowBreakdown(fenceRun.start(), movedAt, steps,
                Math.max(0, movedAt - fenceRun.start() - covered), inTasks - covered));
    }

    /** One line for the console: total, then each step. */
    public String line() {
        StringBuilder line = new StringBuilder().append(totalMs()).append(" ms =");
        for (Step step : steps) {
            line.append(' ').append(step.name()).append(' ').append(step.ms()).append(" +");
        }
        line.append(" between tasks ").append(betweenTasksMs);
        return sideBySideMs > 0 ? line.append(" - side by side ").append(sideBySideMs).toString() : line.toString();
    }

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("fenceSource", "fence");
        names.put("drain", "drain");
        names.put("syncSequences", "sequences");
        names.put("resetSessionReplicationRole", "session replication role");
        names.put("verifyRowCounts", "counts");
        names.put("startReverseReplication", "reverse replication");
        names.put("checkFence", "check fence");
        names.put("switchWriter", "record change");
        return Map.copyOf(names);
    }
}
