package io.cutover.local.rehearsal;

import io.cutover.core.config.DmsTaskSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which replication keeps the target in sync during a rehearsal: native logical replication (a subscription on
 * the target), or DMS, played by the local DMS stand-in and read through the production DMS adapter.
 *
 * @param kind         native or dms
 * @param taskSettings the DMS task's settings (dms only): what the CDK app deploys unless a file says otherwise
 * @param applyDelay   how long the DMS task takes, at least, to apply a change it read (dms only)
 */
public record RehearsalReplication(Kind kind, DmsTaskSettings taskSettings, Duration applyDelay) {
    public static final Duration MAX_APPLY_DELAY = Duration.ofSeconds(60);

    public enum Kind {
        NATIVE("native"), DMS("dms");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Kind parse(String text) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("--replication: unknown replication '" + text + "'; expected one of "
                    + List.of(NATIVE.wireName, DMS.wireName));
        }
    }

    public RehearsalReplication {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(taskSettings, "taskSettings");
        Objects.requireNonNull(applyDelay, "applyDelay");
        if (applyDelay.isNegative() || applyDelay.compareTo(MAX_APPLY_DELAY) > 0) {
            throw new IllegalArgumentException("--dms-apply-delay: " + applyDelay.toMillis() + " ms is outside 0.."
                    + MAX_APPLY_DELAY.toMillis() + " ms");
        }
    }

    public static RehearsalReplication nativeReplication() {
        return new RehearsalReplication(Kind.NATIVE, DmsTaskSettings.defaults(), Duration.ZERO);
    }

    public static RehearsalReplication dms(DmsTaskSettings settings, Duration applyDelay) {
        return new RehearsalReplication(Kind.DMS, settings, applyDelay);
    }

    public boolean isDms() {
        return kind == Kind.DMS;
    }

    /** For the report and the first progress line. */
    public String describe() {
        if (!isDms()) {
            return "native logical replication (publication and subscription)";
        }
        return "DMS (local stand-in reached through the DMS and CloudWatch APIs; "
                + (taskSettings.batchApplyEnabled() ? "batch" : "transactional") + " apply, status table "
                + (taskSettings.statusTableEnabled() ? "on" : "OFF") + " in " + taskSettings.effectiveControlSchema()
                + ", apply delay " + applyDelay.toMillis() + " ms)";
    }
}
