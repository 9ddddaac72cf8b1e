package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.cdk.config.DeploymentConfig.Backup;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.backup.BackupPlan;
import software.amazon.awscdk.services.backup.BackupPlanRule;
import software.amazon.awscdk.services.backup.BackupResource;
import software.amazon.awscdk.services.backup.BackupSelectionOptions;
import software.amazon.awscdk.services.backup.BackupVault;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/** A daily AWS Backup of the target cluster into its own KMS-encrypted vault, kept for a week by default. */
public final class TargetBackup extends Construct {

    public record Props(CutoverNames names, Backup settings, String clusterArn, IKey key) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clusterArn, "clusterArn");
            Objects.requireNonNull(key, "key");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private Backup settings;
            private String clusterArn;
            private IKey key;

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder settings(Backup settings) {
                this.settings = settings;
                return this;
            }

            public Builder clusterArn(String clusterArn) {
                this.clusterArn = clusterArn;
                return this;
            }

            public Builder key(IKey key) {
                this.key = key;
                return this;
            }

            public Props build() {
                return new Props(names, settings, clusterArn, key);
            }
        }
    }

    public TargetBackup(Construct scope, String id, Props props) {
        super(scope, id);
        BackupVault vault = BackupVault.Builder.create(this, "Vault")
                .backupVaultName(props.names().prefix() + "-target")
                .encryptionKey(props.key())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        BackupPlan plan = BackupPlan.Builder.create(this, "Plan")
                .backupPlanName(props.names().prefix() + "-target-daily")
                .backupVault(vault)
                .backupPlanRules(List.of(BackupPlanRule.Builder.create()
                        .ruleName("daily")
                        .scheduleExpression(Schedule.cron(CronOptions.builder()
                                .hour(Integer.toString(props.settings().hourUtc()))
                                .minute(Integer.toString(props.settings().minuteUtc()))
                                .build()))
                        .deleteAfter(Duration.days(props.settings().retentionDays()))
                        .build()))
                .build();
        var selection = plan.addSelection("TargetCluster", BackupSelectionOptions.builder()
                .resources(List.of(BackupResource.fromArn(props.clusterArn())))
                .allowRestores(false)
                .build());
        Nag.suppress(selection, "AwsSolutions-IAM4", "AWS Backup's documented service-role policy"
                + " (AWSBackupServiceRolePolicyForBackup); the selection limits it to the target cluster.");
    }
}
