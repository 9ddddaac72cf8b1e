package io.cutover.core.request;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cutover.core.config.RollbackStrategy;
import java.time.Instant;

/** A validated invoke payload. Built only by {@link RequestParser}. */
public sealed interface CutoverRequest {
    @JsonProperty("action")
    Action action();

    /** True when the caller wants the plan only: nothing may be changed. */
    @JsonProperty("dry_run")
    boolean dryRun();

    record GradualCutover(@JsonProperty("aurora_weight") int auroraWeight, boolean dryRun) implements CutoverRequest {
        @Override
        public Action action() {
            return Action.GRADUAL_CUTOVER;
        }
    }

    record ManualCutover(boolean dryRun) implements CutoverRequest {
        @Override
        public Action action() {
            return Action.MANUAL_CUTOVER;
        }
    }

    /** @param strategy the requested strategy, or null for the configured one */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rollback(RollbackStrategy strategy, boolean dryRun) implements CutoverRequest {
        @Override
        public Action action() {
            return Action.ROLLBACK;
        }
    }

    record Status() implements CutoverRequest {
        @Override
        public Action action() {
            return Action.STATUS;
        }

        /** Status changes nothing; not written, since a status request with dry_run is invalid. */
        @Override
        @JsonIgnore
        public boolean dryRun() {
            return false;
        }
    }

    record Finalize(boolean dryRun) implements CutoverRequest {
        @Override
        public Action action() {
            return Action.FINALIZE;
        }
    }

    record Backtrack(Instant to, boolean dryRun) implements CutoverRequest {
        @Override
        public Action action() {
            return Action.BACKTRACK;
        }
    }

    /** Replace each group's plain record (pointing at the source) by the weighted pair at 100/0. */
    record AdoptRecords(boolean dryRun) implements CutoverRequest {
        @Override
        public Action action() {
            return Action.ADOPT_RECORDS;
        }
    }
}
