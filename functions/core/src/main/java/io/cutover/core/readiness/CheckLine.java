package io.cutover.core.readiness;

/** One line of a verdict: what was checked, what was seen, what was required, and whether it passed. */
public record CheckLine(String name, String observed, String threshold, boolean passed) {
    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + ": " + observed + " (required " + threshold + ")";
    }
}
