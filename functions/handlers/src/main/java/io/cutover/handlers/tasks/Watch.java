package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.handlers.errors.AlarmFiredException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Polled after the switch until {@code watchAfterSwitchSeconds} passed: a watched alarm in ALARM rolls back. */
public final class Watch extends BaseTask<Watch.Input, Watch.Watched> {
    /** @param since the switch time */
    public record Input(Instant since) {
    }

    public record Watched(List<String> firing, boolean done) {
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
        List<String> firing = alarms == null ? List.of() : alarms.entrySet().stream()
                .filter(e -> !e.getValue().allowsCutover()).map(e -> e.getKey() + " " + e.getValue()).toList();
        boolean done = !context.now().isBefore(input.since().plusSeconds(context.config().watchAfterSwitchSeconds()));
        return new Watched(firing, done);
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
        return result;
    }
}
