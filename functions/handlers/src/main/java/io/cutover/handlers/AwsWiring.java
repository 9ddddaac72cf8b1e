package io.cutover.handlers;

import io.cutover.aws.AwsClients;
import io.cutover.aws.CloudWatchAlarmStates;
import io.cutover.aws.DmsCloudWatchProbe;
import io.cutover.aws.RdsClusterRecovery;
import io.cutover.aws.Route53WeightedRecords;
import io.cutover.aws.SecretsManagerSecretResolver;
import io.cutover.aws.SsmKeyValueStore;
import io.cutover.aws.SsmMigrationLock;
import io.cutover.aws.StepFunctionsWorkflowStarter;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.DmsTaskSettingsSource;
import io.cutover.handlers.app.PostgresDatabaseSides;
import java.time.Clock;

/**
 * Builds the real AWS side once per JVM. The adapters take their SDK clients as {@link AwsClients}' build-on-first-use
 * suppliers, so building them builds no client: a function builds only the clients of the services it calls, on
 * its first call to each, and a SnapStart snapshot holds no socket.
 */
final class AwsWiring {
    private static CloudPorts ports;

    private AwsWiring() {
    }

    static synchronized CloudPorts cloudPorts() {
        if (ports == null) {
            AwsClients clients = AwsClients.fromEnvironment();
            // One probe behind both ports it serves.
            DmsCloudWatchProbe dms = new DmsCloudWatchProbe(clients::dms, clients::cloudWatch);
            String stateMachineArn = System.getenv().getOrDefault("STATE_MACHINE_ARN", "");
            ports = new CloudPorts(
                    new Route53WeightedRecords(clients::route53),
                    new SsmKeyValueStore(clients::ssm),
                    new SsmMigrationLock(clients::ssm),
                    dms,
                    dms,
                    new CloudWatchAlarmStates(clients::cloudWatch),
                    new RdsClusterRecovery(clients::rds),
                    new StepFunctionsWorkflowStarter(clients::sfn, stateMachineArn),
                    // The database side reads the control schema, status table and apply mode from the tasks.
                    PostgresDatabaseSides.withSecrets(new SecretsManagerSecretResolver(clients::secretsManager),
                            DmsTaskSettingsSource.readFrom(dms, Clock.systemUTC())),
                    Clock.systemUTC());
        }
        return ports;
    }
}
