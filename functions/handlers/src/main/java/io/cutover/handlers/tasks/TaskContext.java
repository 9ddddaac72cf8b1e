package io.cutover.handlers.tasks;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.phase.CutoverState;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.ReadinessService;
import io.cutover.handlers.app.RecordGroups;
import io.cutover.handlers.app.RollbackService;
import java.time.Instant;

/**
 * What one task invocation works with: the ports, the migration's store, the services built once per function,
 * the config (read on first use) and the state as the precondition read it and as the task since recorded it.
 */
public final class TaskContext {
    private final TaskServices services;
    private final CutoverStore store;
    private final TaskInput call;
    private CutoverConfig config;
    private CutoverState state;

    TaskContext(TaskServices services, TaskInput call) {
        this.services = services;
        this.call = call;
        this.store = new CutoverStore(services.ports().store(), call.migrationId());
    }

    public CloudPorts ports() {
        return services.ports();
    }

    public ReadinessService readiness() {
        return services.readiness();
    }

    public RollbackService rollbacks() {
        return services.rollbacks();
    }

    public RecordGroups records() {
        return services.records();
    }

    public CutoverStore store() {
        return store;
    }

    public String migrationId() {
        return call.migrationId();
    }

    public String executionName() {
        return call.executionName();
    }

    public Instant now() {
        return services.ports().clock().instant();
    }

    /** The deployed config, read once per invocation; {@link io.cutover.handlers.errors.ConfigUnavailableException}. */
    public CutoverConfig config() {
        if (config == null) {
            config = store.config();
        }
        return config;
    }

    /** The databases the config names; the caller closes them. */
    public DatabaseSide databases() {
        return services.ports().databases().open(config());
    }

    /** The state as read by the precondition, or as this task last recorded it. */
    public CutoverState state() {
        if (state == null) {
            state = store.state(now());
        }
        return state;
    }

    /**
     * Records {@code step} from the stored state, read again: tasks run side by side (the workflow's Parallel states),
     * and one may outlive its state machine step, so the state read by the precondition may be stale. Writes nothing
     * when the step changes nothing.
     */
    public CutoverState record(PhaseStep step) {
        CutoverState current = store.storedState(now());
        CutoverState next = step.applyTo(current, executionName(), now());
        if (next != current) {
            store.saveState(next);
            state = next;
        }
        return state;
    }
}
