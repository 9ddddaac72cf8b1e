package io.cutover.core.port.cloud;

/** The migration lock parameter cannot be used: it holds something that is not a lock, or another process keeps cycling it. */
public class MigrationLockUnusableException extends RuntimeException {
    public MigrationLockUnusableException(String message) {
        super(message);
    }

    public MigrationLockUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
