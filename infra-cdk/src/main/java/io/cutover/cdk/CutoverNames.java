package io.cutover.cdk;

import io.cutover.cdk.config.DeploymentConfig;

/**
 * Every name and ARN the stacks derive from the migration id, account and region. Names are fixed rather
 * than generated so ARNs are known at synthesis: event patterns, IAM statements and the stored cutover
 * config can then hold plain strings, and the CLI can find the functions by name.
 */
public record CutoverNames(String migrationId, String partition, String region, String account) {

    public static CutoverNames of(DeploymentConfig config) {
        return new CutoverNames(config.migrationId(), config.environment().partition(), config.environment().region(),
                config.environment().account());
    }

    /** Common prefix of resource names: {@code cutover-{migrationId}}. */
    public String prefix() {
        return "cutover-" + migrationId;
    }

    public String dataStackName() {
        return prefix() + "-data";
    }

    public String controlStackName() {
        return prefix() + "-control";
    }

    /** Parameter Store prefix, the handlers' {@code PARAMETER_PREFIX}: {@code /cutover/{migrationId}}. */
    public String parameterPrefix() {
        return "/cutover/" + migrationId;
    }

    public String parameterName(String leaf) {
        return parameterPrefix() + "/" + leaf;
    }

    /** ARN of every parameter under the prefix (the leading slash of the name is not repeated in an ARN). */
    public String parameterArnUnderPrefix() {
        return "arn:" + partition + ":ssm:" + region + ":" + account + ":parameter" + parameterPrefix() + "/*";
    }

    /** ARN of the prefix itself, which {@code GetParametersByPath} is authorized against. */
    public String parameterPathArn() {
        return "arn:" + partition + ":ssm:" + region + ":" + account + ":parameter" + parameterPrefix();
    }

    public String functionName(String function) {
        return prefix() + "-" + function;
    }

    public String stateMachineName() {
        return prefix();
    }

    public String stateMachineArn() {
        return "arn:" + partition + ":states:" + region + ":" + account + ":stateMachine:" + stateMachineName();
    }

    /** Executions of this state machine only ({@code {migrationId}-{attempt}}). */
    public String executionArns() {
        return "arn:" + partition + ":states:" + region + ":" + account + ":execution:" + stateMachineName() + ":*";
    }

    public String ruleName(String purpose) {
        return prefix() + "-" + purpose;
    }

    public String alarmArn(String alarmName) {
        return "arn:" + partition + ":cloudwatch:" + region + ":" + account + ":alarm:" + alarmName;
    }

    public String dmsReplicationInstanceIdentifier() {
        return prefix() + "-dms";
    }

    public String notificationTopicName() {
        return prefix() + "-notifications";
    }

    /** Known at synthesis (the name is fixed), so a rule targeting it has this stack's account and region. */
    public String notificationTopicArn() {
        return "arn:" + partition + ":sns:" + region + ":" + account + ":" + notificationTopicName();
    }

    public String hostedZoneArn(String bareZoneId) {
        return "arn:" + partition + ":route53:::hostedzone/" + bareZoneId;
    }

    public String route53ChangeArns() {
        return "arn:" + partition + ":route53:::change/*";
    }

    public String rdsClusterArn(String clusterIdentifier) {
        return "arn:" + partition + ":rds:" + region + ":" + account + ":cluster:" + clusterIdentifier;
    }

    public String rdsArn(String resourceType, String name) {
        return "arn:" + partition + ":rds:" + region + ":" + account + ":" + resourceType + ":" + name;
    }

    public String secretName(String leaf) {
        return "cutover/" + migrationId + "/" + leaf;
    }
}
