package io.cutover.core.rollback;

public class RollbackRefusedException extends RuntimeException {
    public RollbackRefusedException(String message) {
        super(message);
    }
}
