package io.cutover.handlers.errors;

/**
 * The writer gate cannot prove the DMS task applied everything: the task runs without the status table
 * ({@code awsdms_status}), which DMS creates only when the task settings say
 * {@code ControlTablesSettings.StatusTableEnabled: true} (DMS User Guide, "Control table task settings"). Waiting
 * cannot fix a setting, so the gate refuses at once instead of timing out. The class name is the Lambda
 * {@code errorType} that the state machine's Catch matches.
 */
public class DmsControlTablesMissingException extends RuntimeException {
    public DmsControlTablesMissingException(String message) {
        super(message);
    }
}
