package io.cutover.core.rollback;

import io.cutover.core.config.RollbackStrategy;
import java.util.Objects;

/**
 * A rollback that reverted traffic outside the workflow (the alarm handler, the API) and hands the recovery of the
 * target to it: the {@code handOver} field of an execution's input, which sends the execution straight to its
 * recovery states. The recovery waits for RDS far longer than one Lambda invocation may run.
 *
 * @param requestedBy who asked for the rollback ({@code alarm NAME}, {@code api})
 * @param strategy    the strategy the rollback chose (the API may name one other than the configured)
 */
public record RecoveryHandOver(String requestedBy, String reason, RollbackStrategy strategy) {
    public static final String FIELD = "handOver";

    public RecoveryHandOver {
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(strategy, "strategy");
    }
}
