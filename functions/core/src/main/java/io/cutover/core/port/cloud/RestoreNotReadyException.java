package io.cutover.core.port.cloud;

/**
 * The restored cluster is not {@code available} yet, so no instance can join it (RDS answers CreateDBInstance with
 * {@code InvalidDBClusterStateFault}). Nothing was created; the workflow waits and looks again.
 */
public final class RestoreNotReadyException extends RuntimeException {
    public RestoreNotReadyException(String message) {
        super(message);
    }

    public RestoreNotReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
