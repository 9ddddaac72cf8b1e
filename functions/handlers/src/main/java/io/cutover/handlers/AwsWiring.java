package io.cutover.handlers;

import io.cutover.aws.AwsClients;
import io.cutover.aws.CloudWatchAlarmStates;
import io.cutover.aws.DmsCloudWatchProbe;
import io.cutover.aws.Once;
import io.cutover.aws.RdsClusterRecovery;
import io.cutover.aws.Route53WeightedRecords;
import io.cutover.aws.SecretsManagerSecretResolver;
import io.cutover.aws.SsmKeyValueStore;
import io.cutover.aws.SsmMigrationLock;
import io.cutover.aws.StepFunctionsWorkflowStarter;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.PostgresDatabaseSides;
import io.cutover.core.port.cloud.AlarmStates;
import io.cutover.core.port.cloud.ClusterRecovery;
import io.cutover.core.port.cloud.DmsReadinessProbe;
import io.cutover.core.port.cloud.KeyValueStore;
import io.cutover.core.port.cloud.MigrationLock;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.core.port.cloud.WeightedRecords;
import io.cutover.core.port.cloud.WorkflowStarter;
import io.cutover.core.port.db.SecretResolver;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Builds the real AWS side once per JVM. Each adapter, and the SDK client under it, is built on first
 * use: a function pays only for the services it calls, and a SnapStart snapshot holds no socket.
 */
final class AwsWiring {
    private static CloudPorts ports;

    private AwsWiring() {
    }

    static synchronized CloudPorts cloudPorts() {
        if (ports == null) {
            AwsClients clients = AwsClients.fromEnvironment();
            // One probe behind both ports it serves.
            Supplier<DmsCloudWatchProbe> dmsProbe = new Once<>(
                    () -> new DmsCloudWatchProbe(clients.dms(), clients.cloudWatch()));
            String stateMachineArn = System.getenv().getOrDefault("STATE_MACHINE_ARN", "");
            SecretResolver secrets = Lazy.of(SecretResolver.class,
                    () -> new SecretsManagerSecretResolver(clients.secretsManager()));
            ports = new CloudPorts(
                    Lazy.of(WeightedRecords.class, () -> new Route53WeightedRecords(clients.route53())),
                    Lazy.of(KeyValueStore.class, () -> new SsmKeyValueStore(clients.ssm())),
                    Lazy.of(MigrationLock.class, () -> new SsmMigrationLock(clients.ssm())),
                    Lazy.of(DmsReadinessProbe.class, dmsProbe),
                    Lazy.of(ReplicationTaskControl.class, dmsProbe),
                    Lazy.of(AlarmStates.class, () -> new CloudWatchAlarmStates(clients.cloudWatch())),
                    Lazy.of(ClusterRecovery.class, () -> new RdsClusterRecovery(clients.rds())),
                    Lazy.of(WorkflowStarter.class, () -> new StepFunctionsWorkflowStarter(clients.sfn(), stateMachineArn)),
                    PostgresDatabaseSides.withSecrets(secrets),
                    Clock.systemUTC());
        }
        return ports;
    }
}
