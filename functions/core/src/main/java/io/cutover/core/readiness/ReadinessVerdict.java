package io.cutover.core.readiness;

import java.time.Instant;
import java.util.List;

/**
 * @param notes facts an operator must see with every verdict (e.g. weighted writes enabled)
 */
public record ReadinessVerdict(Status status, Gate gate, Instant evaluatedAt, List<CheckLine> checks,
                               List<String> notes) {
    public enum Status { READY, NOT_READY }

    public boolean ready() {
        return status == Status.READY;
    }

    public List<CheckLine> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** One line for logs and error messages. */
    public String summary() {
        List<CheckLine> failed = failures();
        return status + " (" + gate + " gate): " + (failed.isEmpty()
                ? checks.size() + " checks passed"
                : failed.size() + " of " + checks.size() + " checks failed: "
                + String.join("; ", failed.stream().map(CheckLine::toString).toList()));
    }
}
