package io.cutover.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The settings every DMS task of a migration runs with, as DMS returned them, and what the cutover concludes from
 * them: the control schema the handlers read {@code awsdms_status} and {@code awsdms_apply_exceptions} in (and keep
 * the drain marker in), which tasks keep no status table, and what the drain cannot prove.
 *
 * @param byTask each configured task's settings, in config order
 */
public record DmsTaskSettingsByTask(Map<String, DmsTaskSettings> byTask) {
    public DmsTaskSettingsByTask {
        Objects.requireNonNull(byTask, "byTask");
        if (byTask.isEmpty()) {
            throw new IllegalArgumentException("no DMS task settings");
        }
        byTask = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byTask));
    }

    /**
     * @param configured the config's task ARNs
     * @param read       what DMS returned (DescribeReplicationTasks, ReplicationTaskSettings)
     * @throws IllegalStateException naming the tasks DMS returned no settings for
     */
    public static DmsTaskSettingsByTask of(List<String> configured, Map<String, DmsTaskSettings> read) {
        Map<String, DmsTaskSettings> byTask = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String arn : configured) {
            DmsTaskSettings settings = read.get(arn);
            if (settings == null) {
                missing.add(arn);
            } else {
                byTask.put(arn, settings);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("DMS returned no task settings for " + missing
                    + " (DescribeReplicationTasks found no such task)");
        }
        return new DmsTaskSettingsByTask(byTask);
    }

    /** Every task running the same settings: the rehearsal's stand-in, tests, and the local {@code invoke}. */
    public static DmsTaskSettingsByTask same(List<String> taskArns, DmsTaskSettings settings) {
        Map<String, DmsTaskSettings> byTask = new LinkedHashMap<>();
        taskArns.forEach(arn -> byTask.put(arn, settings));
        return new DmsTaskSettingsByTask(byTask);
    }

    /** The control schema of the first task; {@link #refusals()} names tasks that disagree. */
    public String controlSchema() {
        return byTask.values().iterator().next().effectiveControlSchema();
    }

    /** Tasks with {@code ControlTablesSettings.StatusTableEnabled} false: DMS keeps no awsdms_status for them. */
    public List<String> withoutStatusTable() {
        return byTask.entrySet().stream().filter(e -> !e.getValue().statusTableEnabled()).map(Map.Entry::getKey)
                .toList();
    }

    /** Tasks with {@code TargetMetadata.BatchApplyEnabled} true. */
    public List<String> withBatchApply() {
        return byTask.entrySet().stream().filter(e -> e.getValue().batchApplyEnabled()).map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Settings the cutover cannot work with, one sentence each, empty when none: tasks keeping their control tables
     * in different schemas (the handlers read one).
     */
    public List<String> controlSchemaRefusals() {
        TreeSet<String> schemas = new TreeSet<>();
        byTask.values().forEach(s -> schemas.add(s.effectiveControlSchema()));
        if (schemas.size() == 1) {
            return List.of();
        }
        Map<String, String> bySchema = new LinkedHashMap<>();
        byTask.forEach((arn, s) -> bySchema.merge(s.effectiveControlSchema(), DmsTaskArn.resourceId(arn),
                (a, b) -> a + ", " + b));
        return List.of("the DMS tasks keep their control tables in different schemas (" + bySchema
                + "): set " + DmsTaskSettings.CONTROL_SCHEMA_SETTING + " to one schema in every task of the migration");
    }
}
