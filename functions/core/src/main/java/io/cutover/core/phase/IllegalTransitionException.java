package io.cutover.core.phase;

/** A phase change the cutover's rules do not allow; the message says which and why. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
