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
import io.cutover.handlers.app.PostgresDatabaseSides;
import java.time.Clock;

/**
 * Builds the real AWS side once per JVM. Clients open no connection until first used, so a SnapStart
 * snapshot taken after construction holds no socket and no credentials cache worth keeping.
 */
final class AwsWiring {
    private static CloudPorts ports;

    private AwsWiring() {
    }

    static synchronized CloudPorts cloudPorts() {
        if (ports == null) {
            AwsClients clients = AwsClients.fromEnvironment();
            DmsCloudWatchProbe dms = new DmsCloudWatchProbe(clients.dms(), clients.cloudWatch());
            String stateMachineArn = System.getenv().getOrDefault("STATE_MACHINE_ARN", "");
            ports = new CloudPorts(
                    new Route53WeightedRecords(clients.route53()),
                    new SsmKeyValueStore(clients.ssm()),
                    new SsmMigrationLock(clients.ssm()),
                    dms,
                    dms,
                    new CloudWatchAlarmStates(clients.cloudWatch()),
                    new RdsClusterRecovery(clients.rds()),
                    new StepFunctionsWorkflowStarter(clients.sfn(), stateMachineArn),
                    PostgresDatabaseSides.withSecrets(new SecretsManagerSecretResolver(clients.secretsManager())),
                    Clock.systemUTC());
        }
        return ports;
    }
}
