package io.cutover.core.weights;

import io.cutover.core.config.RecordGroup;
import io.cutover.core.port.cloud.Weights;

/** The weights one record group has and the weights it should get. */
public record WeightChange(RecordGroup group, Weights before, Weights after) {
    public boolean changes() {
        return !before.equals(after);
    }
}
