package io.cutover.core.weights;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Weights before and after for every affected record group; a no-op when nothing changes. */
// noOp is written for readers of the stored plan and ignored on reading, where it is derived again.
@JsonIgnoreProperties(value = "noOp", allowGetters = true)
public record WeightPlan(List<WeightChange> changes, List<String> notes) {
    public WeightPlan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public boolean isNoOp() {
        return changes.stream().noneMatch(WeightChange::changes);
    }

    /** Only the groups whose weights must be written. */
    public List<WeightChange> effective() {
        return changes.stream().filter(WeightChange::changes).toList();
    }
}
