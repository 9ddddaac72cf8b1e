package io.cutover.core.config;

import java.util.List;
import java.util.Optional;

/**
 * Everything one migration's cutover needs to know. Built only by {@link CutoverConfigParser}, which
 * validates it, so code holding one can rely on its invariants (steps increasing to 100, distinct set
 * identifiers, no fenced replication role, backtrack only on Aurora MySQL).
 *
 * @param snapshotSourceInstance RDS instance identifier of the source to snapshot before the switch; null for none
 * @param replicationAlarms      the watched alarms that watch forward replication (a subset of {@code alarms}): once the
 *                               writer has moved they are no rollback grounds, see {@link io.cutover.core.rollback.AlarmGrounds}
 * @param fallbackWindowSeconds  how long after the watch a rollback still carries the target's writes back (issue 18)
 * @param rowCountVerification   the settle margin of the precount and whether buckets are checksummed (issue 20)
 * @param dns                    the records' TTL during the cutover (issue 20)
 */
public record CutoverConfig(
        String migrationId,
        Mode mode,
        TargetCluster target,
        List<RecordGroup> recordGroups,
        List<Integer> readerSteps,
        int bakeSeconds,
        ReadinessThresholds readiness,
        Replication replication,
        Databases databases,
        FenceSettings fence,
        long sequenceBuffer,
        boolean resetSessionReplicationRole,
        List<RowCountSpec> rowCounts,
        int drainTimeoutSeconds,
        int watchAfterSwitchSeconds,
        boolean stopDmsTaskAfterSwitch,
        RollbackSettings rollback,
        List<String> alarms,
        List<String> replicationAlarms,
        String snapshotSourceInstance,
        int fallbackWindowSeconds,
        RowCountVerification rowCountVerification,
        DnsSettings dns) {

    public List<RecordGroup> readerGroups() {
        return recordGroups.stream().filter(g -> g.role() == RecordRole.READER).toList();
    }

    public List<RecordGroup> writerGroups() {
        return recordGroups.stream().filter(RecordGroup::isWriter).toList();
    }

    public Optional<RecordGroup> group(String name) {
        return recordGroups.stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
