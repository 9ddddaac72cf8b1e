package io.cutover.handlers.app;

import io.cutover.core.readiness.CheckLine;
import io.cutover.core.readiness.LagSample;
import io.cutover.core.readiness.ReadinessVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the readiness poll keeps between runs. Parameter Store holds at most 8 KB, so only native
 * samples are kept (CloudWatch already holds DMS history) and the verdict is kept in brief.
 *
 * @param samples    recent native lag samples (the stability window needs several polls)
 * @param taskStates DMS status per task ARN at the last poll
 * @param failures   the failed check lines of the last verdict, at most {@link #MAX_FAILURES}
 */
public record ReadinessRecord(List<LagSample> samples, ReadinessVerdict.Status status, String gate,
                              Instant evaluatedAt, int checks, List<CheckLine> failures, String summary,
                              Map<String, String> taskStates) {
    static final int MAX_FAILURES = 10;

    public static ReadinessRecord empty() {
        return new ReadinessRecord(List.of(), ReadinessVerdict.Status.NOT_READY, null, null, 0, List.of(),
                "no readiness evaluated yet", Map.of());
    }

    static ReadinessRecord of(List<LagSample> samples, ReadinessVerdict verdict, Map<String, String> taskStates) {
        List<CheckLine> failures = verdict.failures();
        String summary = verdict.summary();
        return new ReadinessRecord(samples, verdict.status(), verdict.gate().name(), verdict.evaluatedAt(),
                verdict.checks().size(), failures.subList(0, Math.min(MAX_FAILURES, failures.size())),
                summary.length() > 1000 ? summary.substring(0, 1000) + "…" : summary, taskStates);
    }
}
