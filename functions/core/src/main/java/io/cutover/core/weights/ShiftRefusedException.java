package io.cutover.core.weights;

/** A weight change the cutover's safety rules forbid; the message explains what to do instead. */
public class ShiftRefusedException extends RuntimeException {
    public ShiftRefusedException(String message) {
        super(message);
    }
}
