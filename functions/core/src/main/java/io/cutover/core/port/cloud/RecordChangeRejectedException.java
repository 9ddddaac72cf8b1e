package io.cutover.core.port.cloud;

/**
 * Route 53 refused a change batch as invalid ({@code InvalidChangeBatch}): e.g. a DELETE whose record no longer
 * matches what is there, or a CREATE of a record that exists. Route 53 applies a batch all or nothing, so nothing
 * was changed.
 */
public class RecordChangeRejectedException extends RuntimeException {
    public RecordChangeRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
