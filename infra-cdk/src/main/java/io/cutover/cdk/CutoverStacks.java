package io.cutover.cdk;

import io.cutover.cdk.config.DeploymentConfig;
import java.util.Map;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/** Creates the two stacks of one migration; what the app and the tests call. */
public record CutoverStacks(CutoverDataStack data, CutoverControlStack control) {

    public static CutoverStacks create(Construct app, DeploymentConfig config) {
        CutoverNames names = CutoverNames.of(config);
        Environment env = Environment.builder()
                .account(config.environment().account())
                .region(config.environment().region())
                .build();
        CutoverDataStack data = new CutoverDataStack(app, names.dataStackName(), StackProps.builder()
                .env(env)
                .stackName(names.dataStackName())
                .description((config.database().createsCluster() ? "Aurora target, DMS and backups of cutover "
                        : "DMS and backups around the existing Aurora cluster "
                        + config.database().existingCluster().clusterIdentifier() + " of cutover ")
                        + names.migrationId())
                .terminationProtection(true)
                .build(), config);
        CutoverControlStack control = new CutoverControlStack(app, names.controlStackName(), StackProps.builder()
                .env(env)
                .stackName(names.controlStackName())
                .description("Cutover control plane of " + names.migrationId()
                        + ": functions, state machine, triggers, alarms")
                .build(), config, data);
        control.addStackDependency(data);
        for (var stack : java.util.List.of(data, control)) {
            Map.of("cutover:migration-id", names.migrationId()).forEach((k, v) -> Tags.of(stack).add(k, v));
        }
        return new CutoverStacks(data, control);
    }
}
