package io.cutover.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.Weights;
import io.cutover.local.adapters.LocalDms;
import java.time.Instant;
import java.util.Map;

/**
 * The world a local invocation starts from ({@code --state STATE.json}); every field is optional.
 *
 * @param now       the clock (default: the real time)
 * @param weights   weights per record group (default: everything on the source)
 * @param documents Parameter Store documents by name ({@code state}, {@code readiness}, ...), as JSON values
 * @param lock      the current lock holder, if any
 * @param dms       per task ARN: status, latency and counters (default: running, 1 s, no errors)
 * @param alarms    alarm states by name (default: OK)
 * @param clusterStatus the target cluster status (default: available)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalState(Instant now, Map<String, Weights> weights, Map<String, Object> documents, LockHolder lock,
                         Map<String, LocalDms.TaskScript> dms, Map<String, AlarmState> alarms, String clusterStatus) {
    public static LocalState empty() {
        return new LocalState(null, Map.of(), Map.of(), null, Map.of(), Map.of(), null);
    }

    public LocalState {
        weights = weights == null ? Map.of() : weights;
        documents = documents == null ? Map.of() : documents;
        dms = dms == null ? Map.of() : dms;
        alarms = alarms == null ? Map.of() : alarms;
    }
}
