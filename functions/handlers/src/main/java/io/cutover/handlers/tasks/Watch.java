package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.rollback.AlarmGrounds;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.core.rollback.ReverseTaskHealth;
import io.cutover.handlers.app.ReverseSwitch;
import io.cutover.handlers.app.ReverseTaskProbe;
import io.cutover.handlers.errors.AlarmFiredException;
import io.cutover.handlers.errors.ReverseReplicationBrokenException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Polled after the switch until {@code watchAfterSwitchSeconds} passed: a watched alarm in ALARM rolls back, except one
 * over forward replication, which ended at the switch ({@link AlarmGrounds}): that one is reported, not acted on.
 *
 * <p>Over DMS with a reverse task started at the switch, each poll also reads that task ({@link ReverseTaskProbe}):
 * it alone carries the target's writes back on a rollback, so a reverse task stopped, failed, with a table in error or
 * with a change it could not apply rolls back now ({@link ReverseReplicationBrokenException}), while the fall-back
 * path can still be repaired, rather than leave a rollback later to find it broken.
 */
public final class Watch extends BaseTask<Watch.Input, Watch.Watched> {
    /** @param since the switch time */
    public record Input(Instant since) {
    }

    /** @param sourceSessionsEnded what became of the fenced sessions on the source at this poll */
    /** @param reverseTask the reverse DMS task's health at this poll; null without one */
    public record Watched(List<String> firing, List<String> notGrounds, boolean done, String sourceSessionsEnded,
                          ReverseTaskHealth reverseTask) {
    }

    public Watch() {
        super("watch", Watch::parse, EnumSet.of(Phase.SWITCHED), Lock.HELD);
    }

    private static Input parse(TaskInput call) {
        return new Input(call.instant("since"));
    }

    @Override
    public Watched effect(TaskContext context, Input input) {
        Map<String, AlarmState> alarms = context.readiness().alarmStates(context.config());
        // A missing alarm watches nothing, as readiness holds: it stops the watch like one in ALARM.
        List<String> firing = new ArrayList<>();
        List<String> notGrounds = new ArrayList<>();
        (alarms == null ? Map.<String, AlarmState>of() : alarms).forEach((alarm, state) -> {
            if (!state.allowsCutover()) {
                boolean ground = AlarmGrounds.isRollbackGround(context.config(), alarm, Phase.SWITCHED);
                (ground ? firing : notGrounds).add(alarm + " " + state);
            }
        });
        boolean done = !context.now().isBefore(input.since().plusSeconds(context.config().watchAfterSwitchSeconds()));
        // Until DNS caches expired, an application can still reach the fenced source and open a session that only
        // fails; a pool would keep it. Ending those at every poll sends them through the moved record again.
        String sessions;
        ReverseTaskHealth reverse = null;
        boolean readReverse = context.config().replication().hasDmsReverseTask()
                && ReverseSwitch.running(context.store());
        try (DatabaseSide db = context.databases()) {
            sessions = endFencedSourceSessions(db);
            if (readReverse) {
                reverse = ReverseTaskProbe.read(context.config(), context.store(), context.ports().dmsTasks(),
                        context.ports().dms(), db);
            }
        } catch (RuntimeException e) {
            if (readReverse) {
                // Unread is not healthy: the task's failure (a transient one is retried) stops the watch.
                throw e;
            }
            sessions = "not ended: " + e.getMessage();
        }
        return new Watched(List.copyOf(firing), List.copyOf(notGrounds), done, sessions, reverse);
    }

    /** Ends the fenced sessions on the source; a failure is reported, not thrown: the writer has moved already. */
    static String endFencedSourceSessions(DatabaseSide db) {
        try {
            return String.valueOf(db.endFencedSourceSessions());
        } catch (RuntimeException e) {
            return "not ended: " + e.getMessage();
        }
    }

    @Override
    public void verdict(Input input, Watched watched) {
        if (!watched.firing().isEmpty()) {
            throw new AlarmFiredException("alarm(s) in ALARM or missing after the switch: " + watched.firing());
        }
        ReverseTaskHealth reverse = watched.reverseTask();
        if (reverse != null && reverse.broken()) {
            throw new ReverseReplicationBrokenException(String.join("; ", reverse.problems())
                    + switch (reverse.remedy()) {
                        case RESUME -> ": rolling back while the task can be resumed and carry every target write back";
                        case COPY_TABLES, RESUME_AND_COPY_TABLES -> ": rolling back now, before more writes go"
                                + " uncarried; the rollback " + (reverse.resumes() ? "resumes the task and " : "")
                                + "copies " + reverse.tablesNotCarried() + " from the target onto the source once"
                                + " the target is fenced and the reverse drain is done";
                        default -> ": rolling back now; the rollback will refuse to leave the target ("
                                + reverse.whyNotCarried() + ")";
                    });
        }
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, Watched watched) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("done", watched.done());
        result.put("sourceSessionsEnded", watched.sourceSessionsEnded());
        if (watched.reverseTask() != null) {
            result.put("reverseTaskStatus", watched.reverseTask().status());
        }
        if (!watched.notGrounds().isEmpty()) {
            watched.notGrounds().forEach(result.putArray("replicationAlarmsIgnored")::add);
        }
        return result;
    }
}
