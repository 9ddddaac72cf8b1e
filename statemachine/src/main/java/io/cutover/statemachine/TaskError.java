package io.cutover.statemachine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The error a failed Task state reports to the interpreter.
 *
 * @param error what {@code Retry}/{@code Catch} match
 * @param cause the text a {@code Catch} stores as {@code Cause}
 */
public record TaskError(String error, String cause) {
    public TaskError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * A {@link TaskFailedException} keeps its name and cause. Any other exception becomes what Step Functions reports
     * when a Java Lambda function throws it: error = the class name, cause = the runtime's
     * {@code {"errorMessage","errorType","stackTrace"}} document as a string.
     */
    public static TaskError of(RuntimeException exception) {
        if (exception instanceof TaskFailedException failed) {
            return new TaskError(failed.errorName(), failed.errorCause());
        }
        String type = exception.getClass().getName();
        ObjectNode report = Jackson.MAPPER.createObjectNode();
        report.put("errorMessage", exception.getMessage());
        report.put("errorType", type);
        ArrayNode stackTrace = report.putArray("stackTrace");
        for (StackTraceElement frame : exception.getStackTrace()) {
            stackTrace.add(frame.toString());
        }
        try {
            return new TaskError(type, Jackson.MAPPER.writeValueAsString(report));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialise an error report of strings", impossible);
        }
    }
}
