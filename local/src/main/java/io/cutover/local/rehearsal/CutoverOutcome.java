package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How the cutover itself ended, as the strategy that drove it saw it.
 *
 * @param outcome          {@code completed}, {@code rolled_back}, or what else happened (e.g. {@code not_started})
 * @param splitPoint       epoch ms after which a write accepted by the side that did not end up primary is
 *                         split-brain: the fence's completion (fenced switch) or the writer record's first move
 *                         (naive); null when neither happened
 * @param faultDetectedAt  epoch ms when the injected fault was detected; null without a detected fault
 * @param faultDetectedBy  what detected it
 * @param execution        the workflow execution (name, status, error, cause), or the naive loop's description
 * @param rowCountsAtSwitch the workflow's own row-count verdict taken between fence and switch, or null
 * @param stateHistory     the phase history kept in the (local) Parameter Store, or null
 * @param injections       the faults injected, when and how
 * @param operator         what the operator steps answered (readiness polls, manual_cutover)
 */
public record CutoverOutcome(String outcome, Long splitPoint, Long faultDetectedAt, String faultDetectedBy,
                             ObjectNode execution, JsonNode rowCountsAtSwitch, JsonNode stateHistory,
                             List<InjectedFault> injections, JsonNode operator) {
    public static final String COMPLETED = "completed";
    public static final String ROLLED_BACK = "rolled_back";

    public CutoverOutcome {
        injections = List.copyOf(injections);
    }
}
