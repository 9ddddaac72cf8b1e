package io.cutover.core.port.cloud;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One attempt of a migration's cutover workflow. The execution name is derived, never chosen, so a retried
 * start of the same attempt cannot create a second execution.
 */
public record WorkflowStart(String migrationId, int attempt, String inputJson) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    public WorkflowStart {
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(inputJson, "inputJson");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        String name = migrationId + "-" + attempt;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("execution name '" + name
                    + "' is not a valid Step Functions name (1-80 of A-Z a-z 0-9 _ -)");
        }
    }

    /** {@code {migrationId}-{attempt}}. */
    public String executionName() {
        return migrationId + "-" + attempt;
    }
}
