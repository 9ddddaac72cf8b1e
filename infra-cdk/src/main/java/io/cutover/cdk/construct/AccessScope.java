package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.core.config.RollbackStrategy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exact resources the cutover functions may touch. Every IAM statement of the functions is derived
 * from this, so least privilege is decided in one place.
 *
 * @param recordNamesByZone      bare hosted zone id to the record names (lower case, no trailing dot) changed in it
 * @param recordTypes            the record types of the weighted groups
 * @param dmsTaskArns            every task the cutover waits for (empty with native replication)
 * @param watchedAlarmArns       the alarms that trigger a rollback
 * @param rollbackStrategy       decides which recovery actions are allowed beyond moving weights
 * @param restoredClusterIdentifier the cluster a point-in-time restore creates
 * @param targetSubnetGroupName  the target's DB subnet group, which a restore reuses; null when unknown (no pitr)
 * @param targetParameterGroupName the target's DB cluster parameter group, which a restore reuses; null when unknown
 * @param targetInstanceNamePattern the target's DB instances as an ARN name: {@code {cluster}-*} for the created
 *                               cluster, {@code *} for an existing one, whose owner names its instances
 * @param snapshotSourceInstance source DB instance to snapshot before the switch; null for none
 * @param databaseSecretArns     the source and target logins
 * @param secretKeyArns          KMS keys that decrypt those logins
 * @param targetStorageKeyArn    the KMS key of the target's storage, which a point-in-time restore creates a grant
 *                               on; null when the stack does not know it (an existing cluster)
 * @param reverseDmsTaskArn      the DMS task from the target back to the source (issue 18): started at the switch,
 *                               stopped by finalize or a rollback before the writer moved; null for none
 */
public record AccessScope(
        CutoverNames names,
        Map<String, List<String>> recordNamesByZone,
        List<String> recordTypes,
        List<String> dmsTaskArns,
        List<String> watchedAlarmArns,
        String targetClusterIdentifier,
        RollbackStrategy rollbackStrategy,
        String restoredClusterIdentifier,
        String targetSubnetGroupName,
        String targetParameterGroupName,
        String targetInstanceNamePattern,
        String snapshotSourceInstance,
        List<String> databaseSecretArns,
        List<String> secretKeyArns,
        String targetStorageKeyArn,
        String reverseDmsTaskArn) {

    public AccessScope {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(targetClusterIdentifier, "targetClusterIdentifier");
        Objects.requireNonNull(rollbackStrategy, "rollbackStrategy");
        Objects.requireNonNull(targetInstanceNamePattern, "targetInstanceNamePattern");
        recordNamesByZone = Map.copyOf(recordNamesByZone);
        recordTypes = List.copyOf(recordTypes);
        dmsTaskArns = List.copyOf(dmsTaskArns);
        watchedAlarmArns = List.copyOf(watchedAlarmArns);
        databaseSecretArns = List.copyOf(databaseSecretArns);
        secretKeyArns = List.copyOf(secretKeyArns);
    }

    /** The tasks the functions stop and start: the forward ones and the reverse one where there is one. */
    public List<String> controlledDmsTaskArns() {
        List<String> arns = new java.util.ArrayList<>(dmsTaskArns);
        if (reverseDmsTaskArn != null) {
            arns.add(reverseDmsTaskArn);
        }
        return List.copyOf(arns);
    }
}
