package io.cutover.core.rollback;

/** The restored cluster or its writer reached a status from which the restore cannot finish. */
public final class RestoreFailedException extends RuntimeException {
    public RestoreFailedException(String message) {
        super(message);
    }
}
