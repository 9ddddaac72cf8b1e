package io.cutover.statemachine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run one local execution.
 *
 * @param executionName    {@code $$.Execution.Name} (the workflow passes it to every task)
 * @param stateMachineName used in the local execution ARN ({@code $$.Execution.Id})
 * @param waits            the real pause for each Wait state
 * @param retryPause       when present, replaces every {@code Retry} pause (interval, backoff, jitter); when empty,
 *                         retries pause as the definition says
 * @param deadline         the whole run, node start to result; the node process is killed when it passes
 * @param substitutions    values for the definition's {@code ${Name}} placeholders
 */
public record RunOptions(String executionName, String stateMachineName, WaitPolicy waits,
                         Optional<Duration> retryPause, Duration deadline, Map<String, String> substitutions) {
    public RunOptions {
        Objects.requireNonNull(executionName, "executionName");
        Objects.requireNonNull(stateMachineName, "stateMachineName");
        Objects.requireNonNull(waits, "waits");
        Objects.requireNonNull(retryPause, "retryPause");
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        retryPause.ifPresent(pause -> {
            if (pause.isNegative()) {
                throw new IllegalArgumentException("retryPause must not be negative, got " + pause);
            }
        });
        substitutions = Map.copyOf(substitutions);
    }

    /** For tests: no pauses at all (waits and retries), a one-minute deadline, the local stand-in ARNs. */
    public static RunOptions immediate(String executionName) {
        return new RunOptions(executionName, "cutover", WaitPolicy.none(), Optional.of(Duration.ZERO),
                Duration.ofMinutes(1), LocalResources.defaultSubstitutions());
    }

    public RunOptions withWaits(WaitPolicy newWaits) {
        return new RunOptions(executionName, stateMachineName, newWaits, retryPause, deadline, substitutions);
    }

    public RunOptions withRetryPause(Optional<Duration> newRetryPause) {
        return new RunOptions(executionName, stateMachineName, waits, newRetryPause, deadline, substitutions);
    }

    public RunOptions withDeadline(Duration newDeadline) {
        return new RunOptions(executionName, stateMachineName, waits, retryPause, newDeadline, substitutions);
    }

    public RunOptions withSubstitution(String name, String value) {
        Map<String, String> changed = new HashMap<>(substitutions);
        changed.put(name, value);
        return new RunOptions(executionName, stateMachineName, waits, retryPause, deadline, changed);
    }
}
