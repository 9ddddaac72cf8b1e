package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.rollback.AlarmGrounds;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.errors.AlarmFiredException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Polled after the switch until {@code watchAfterSwitchSeconds} passed: a watched alarm in ALARM rolls back, except one
 * over forward replication, which ended at the switch ({@link AlarmGrounds}): that one is reported, not acted on.
 */
public final class Watch extends BaseTask<Watch.Input, Watch.Watched> {
    /** @param since the switch time */
    public record Input(Instant since) {
    }

    /** @param sourceSessionsEnded what became of the fenced sessions on the source at this poll */
    public record Watched(List<String> firing, List<String> notGrounds, boolean done, String sourceSessionsEnded) {
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
        try (DatabaseSide db = context.databases()) {
            sessions = endFencedSourceSessions(db);
        } catch (RuntimeException e) {
            sessions = "not ended: " + e.getMessage();
        }
        return new Watched(List.copyOf(firing), List.copyOf(notGrounds), done, sessions);
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
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, Watched watched) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("done", watched.done());
        result.put("sourceSessionsEnded", watched.sourceSessionsEnded());
        if (!watched.notGrounds().isEmpty()) {
            watched.notGrounds().forEach(result.putArray("replicationAlarmsIgnored")::add);
        }
        return result;
    }
}
