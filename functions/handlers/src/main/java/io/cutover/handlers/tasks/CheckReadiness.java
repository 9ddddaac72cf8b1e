package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.ReadinessVerdict;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The readiness gate, polled by the state machine: the reader gate before any weight moves (and arms an idle or
 * rolled-back migration once ready), the writer gate once readers are all on the target. Holds no lock: it is
 * polled every few seconds and changes nothing but the arming.
 */
public final class CheckReadiness extends BaseTask<CheckReadiness.Input, CheckReadiness.Checked> {
    private static final Set<Phase> READER_GATE = EnumSet.of(Phase.IDLE, Phase.READY, Phase.ROLLED_BACK);
    private static final Set<Phase> WRITER_GATE = EnumSet.of(Phase.SHIFTING);

    /** @param deadline null on the writer gate's first check: its window opens now */
    public record Input(Gate gate, Instant deadline) {
    }

    public record Checked(ReadinessVerdict verdict, Instant at, Instant deadline) {
    }

    public CheckReadiness() {
        super("checkReadiness", CheckReadiness::parse, READER_GATE, Lock.NOT_NEEDED);
    }

    private static Input parse(TaskInput call) {
        Gate gate = "writer".equals(call.oneOf("gate", List.of("reader", "writer"))) ? Gate.WRITER : Gate.READER;
        return new Input(gate, call.optionalInstant("deadline"));
    }

    @Override
    public Set<Phase> runsFrom(Input input) {
        return input.gate() == Gate.WRITER ? WRITER_GATE : READER_GATE;
    }

    @Override
    public Checked effect(TaskContext context, Input input) {
        ReadinessVerdict verdict = context.readiness().check(context.store(), context.config(), input.gate(),
                input.gate() == Gate.WRITER, true);
        Instant now = context.now();
        Instant deadline = input.deadline() != null ? input.deadline()
                : now.plusSeconds(context.config().readiness().deadlineSeconds());
        return new Checked(verdict, now, deadline);
    }

    @Override
    public Optional<PhaseStep> phaseAfter(Input input, Checked checked) {
        return checked.verdict().ready() && input.gate() == Gate.READER
                ? Optional.of(PhaseStep.armed(checked.verdict().summary()))
                : Optional.empty();
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, Checked checked) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("ready", checked.verdict().ready());
        result.put("deadlinePassed", checked.at().isAfter(checked.deadline()));
        result.put("summary", checked.verdict().summary());
        result.put("deadline", checked.deadline().toString());
        return result;
    }
}
