package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.local.LocalWorkflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the stretch of the cutover the run is in, from the tasks the workflow calls (or from the naive loop and
 * the operator steps around the workflow), and remembers when each task first started and last finished.
 */
public final class PhaseTracker implements LocalWorkflow.TaskListener {
    /** A named stretch of time, epoch milliseconds; {@code end} is 0 while it lasts. */
    public record Phase(String name, long start, long end) {
    }

    /** One task call, epoch ms; {@code failed} when it threw (the workflow moved on without its answer). */
    public record TaskRun(String task, long start, long end, boolean failed) {
    }

    private final List<Phase> phases = new ArrayList<>();
    private final List<TaskRun> runs = new ArrayList<>();
    private final Map<String, Long> running = new HashMap<>();
    private final Map<String, Long> taskStarted = new HashMap<>();
    private final Map<String, Long> taskFinished = new HashMap<>();
    private String fenceLsn;
    private String current;
    private long currentStart;

    /** @param first the phase the run is in when tracking starts, from {@code at} (epoch ms) */
    public PhaseTracker(String first, long at) {
        this.current = first;
        this.currentStart = at;
    }

    /** Enters a phase unless it is the current one. */
    public synchronized void enter(String name, long at) {
        if (name.equals(current)) {
            return;
        }
        phases.add(new Phase(current, currentStart, at));
        current = name;
        currentStart = at;
    }

    public synchronized String current() {
        return current;
    }

    /** Every phase so far, the current one ending at {@code now}. */
    public synchronized List<Phase> phases(long now) {
        List<Phase> all = new ArrayList<>(phases);
        all.add(new Phase(current, currentStart, now));
        return all;
    }

    /** When a task first started, or null if it never ran. */
    public synchronized Long started(String task) {
        return taskStarted.get(task);
    }

    /** When a task last finished without error, or null. */
    public synchronized Long finished(String task) {
        return taskFinished.get(task);
    }

    /** The last completed fence task's {@code fenceLsn} (the source's WAL position after the fence), or null. */
    public synchronized String fenceLsn() {
        return fenceLsn;
    }

    /** Every task call so far, in the order they ended. */
    public synchronized List<TaskRun> runs() {
        return List.copyOf(runs);
    }

    /** Task calls that overlap the window [from, to] (epoch ms), in order. */
    public synchronized List<TaskRun> runs(long from, long to) {
        return runs.stream().filter(r -> r.end() >= from && r.start() <= to).toList();
    }

    @Override
    public void before(String task, JsonNode input) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            // Tasks may run side by side (SwitchChecks); a task started again while its earlier call had not answered
            // had that call fail without a word to here (a timeout): it ends now.
            Long earlier = running.put(task, now);
            if (earlier != null) {
                runs.add(new TaskRun(task, earlier, now, true));
            }
            taskStarted.putIfAbsent(task, now);
        }
        String label = label(task, input);
        if (label != null) {
            enter(label, now);
        }
    }

    @Override
    public void failed(String task, JsonNode input, RuntimeException error) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            Long start = running.remove(task);
            if (start != null) {
                runs.add(new TaskRun(task, start, now, true));
            }
        }
    }

    @Override
    public void after(String task, JsonNode input, JsonNode output) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            taskFinished.put(task, now);
            if (task.equals("fenceSource") && output != null && output.findValue("fenceLsn") != null
                    && output.findValue("fenceLsn").isTextual()) {
                fenceLsn = output.findValue("fenceLsn").asText();
            }
            Long start = running.remove(task);
            if (start != null) {
                runs.add(new TaskRun(task, start, now, false));
            }
        }
    }

    /** The phase a workflow task belongs to; null for one that runs beside another and starts no phase. */
    static String label(String task, JsonNode input) {
        return switch (task) {
            case "preflight" -> "preflight";
            case "checkReadiness" -> "writer".equals(input.path("gate").asText()) ? "writer gate" : "reader gate";
            case "recordRollbackPoint" -> "reader gate";
            case "shiftReaders", "verifyHealth" -> "readers " + input.path("percent").asInt() + "%";
            case "snapshotSource", "fenceSource" -> "fence";
            case "drain" -> "drain";
            // Beside the drain (SwitchChecks): it starts no phase of its own, whichever of the two starts first.
            case "syncSequences" -> null;
            case "resetSessionReplicationRole", "verifyRowCounts", "checkFence" -> "sequences + row counts";
            case "switchWriter", "stopReplication" -> "writer switch";
            case "watch" -> "watch";
            case "complete" -> "completed";
            case "rollback", "recover", "finishRollback" -> "rollback";
            case "abandon" -> "abandoned";
            default -> task;
        };
    }
}
