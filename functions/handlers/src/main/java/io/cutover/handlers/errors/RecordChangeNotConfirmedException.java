package io.cutover.handlers.errors;

/**
 * Route 53 did not confirm a weight change (no INSYNC, or a read-back shows other weights) within the deadline.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class RecordChangeNotConfirmedException extends RuntimeException {
    public RecordChangeNotConfirmedException(String message) {
        super(message);
    }

    public RecordChangeNotConfirmedException(String message, Throwable cause) {
        super(message, cause);
    }
}
