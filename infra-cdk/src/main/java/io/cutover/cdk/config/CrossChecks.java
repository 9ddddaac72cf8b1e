package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.inCutover;
import static io.cutover.cdk.config.DeploymentConfigLoader.MAX_BACKTRACK_SECONDS;

import io.cutover.cdk.config.DeploymentConfig.ArnMerge;
import io.cutover.cdk.config.DeploymentConfig.Database;
import io.cutover.cdk.config.DeploymentConfig.Dms;
import io.cutover.cdk.config.DeploymentConfig.Environment;
import io.cutover.cdk.config.DeploymentConfig.Monitoring;
import io.cutover.cdk.config.DeploymentConfig.Route53;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.json.JsonFields;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The rules across sections and across the two files: what the deployment creates must be what the cutover config
 * acts on (its tasks, alarms and records), and the cutover config must fit the parameter it is stored in. They run
 * only when every section read cleanly, since each needs the sections complete.
 */
final class CrossChecks {
    /** Parameter Store's Advanced tier limit; room is left for the ARNs and endpoints the stacks fill in. */
    private static final int ADVANCED_PARAMETER_BYTES = 8192;
    private static final int STACK_VALUES_ALLOWANCE = 768;

    private CrossChecks() {
    }

    static void check(JsonFields f, CutoverConfig cutover, String cutoverJson, Path cutoverFile,
                      Environment env, Database database, Dms dms, Monitoring monitoring,
                      Route53 route53) {
        String inCutover = inCutover(cutoverFile);
        if (cutover.databases().source().secretArn() == null) {
            f.report("databases.source.secretArn" + inCutover, (String) null,
                    "a Secrets Manager secret ARN: in AWS the handlers and DMS log in with it");
        }
        if (cutover.rollback().strategy() == RollbackStrategy.BACKTRACK && database.createsCluster()
                && database.backtrackWindowSeconds() == 0) {
            f.report("database.backtrackWindowSeconds", "0", "a window of 1 to " + MAX_BACKTRACK_SECONDS
                    + " seconds: the cutover config's rollback.strategy is \"backtrack\"");
        }
        if (dms != null) {
            checkDmsTasks(f, cutover, env, dms, inCutover);
        }
        Set<String> created = new LinkedHashSet<>();
        for (String name : monitoring.createdAlarmNames()) {
            if (!created.add(name)) {
                f.report("monitoring", "\"" + name + "\"", "a different name for each alarm");
            }
        }
        for (int i = 0; i < cutover.alarms().size(); i++) {
            String alarm = cutover.alarms().get(i);
            if (!created.contains(alarm) && !monitoring.externalAlarmNames().contains(alarm)) {
                f.report("alarms[" + i + "]" + inCutover, "\"" + alarm + "\"", "an alarm this deployment creates "
                        + created + " or one listed in monitoring.externalAlarmNames");
            }
            // The forward task stops at the switch: an alarm over it must not roll a healthy target back after that.
            if (monitoring.forwardReplicationAlarmNames().contains(alarm)
                    && !cutover.replicationAlarms().contains(alarm)) {
                f.report("replicationAlarms" + inCutover, cutover.replicationAlarms().toString(), "a list naming \""
                        + alarm + "\": it watches the forward DMS task, which stops at the writer switch, so after the"
                        + " switch it must not be a rollback ground");
            }
        }
        if (route53.createRecords()) {
            for (int i = 0; i < cutover.recordGroups().size(); i++) {
                if (!"CNAME".equals(cutover.recordGroups().get(i).type())) {
                    f.report("recordGroups[" + i + "].type" + inCutover, "\"" + cutover.recordGroups().get(i).type()
                            + "\"", "CNAME when route53.createRecords is true: the target side points at an Aurora"
                            + " endpoint name");
                }
            }
        }
        if (cutoverJson.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > ADVANCED_PARAMETER_BYTES - STACK_VALUES_ALLOWANCE) {
            f.report("cutoverConfig", "\"" + cutoverFile + "\"", "a cutover config of at most "
                    + (ADVANCED_PARAMETER_BYTES - STACK_VALUES_ALLOWANCE) + " bytes: it is stored as an Advanced"
                    + " Parameter Store parameter (8 KB) together with the ARNs the stacks fill in");
        }
    }

    private static void checkDmsTasks(JsonFields f, CutoverConfig cutover, Environment env, Dms dms, String inCutover) {
        String createdArn = env.dmsTaskArn(dms.task().resourceIdentifier());
        String reverse = cutover.replication().reverseDmsTaskArn();
        String createdReverse = dms.task().reverseResourceIdentifier() == null ? null
                : env.dmsTaskArn(dms.task().reverseResourceIdentifier());
        if (reverse != null && !reverse.equals(createdReverse)) {
            f.report("replication.reverseDmsTaskArn" + inCutover, "\"" + reverse + "\"", createdReverse == null
                    ? "no reverseDmsTaskArn: this stack creates no reverse task (the target is not Aurora PostgreSQL)"
                    : "the reverse task this stack creates (" + createdReverse + "), or none: the stack fills it in");
        }
        Set<String> existing = new LinkedHashSet<>();
        dms.existingTasks().forEach(t -> existing.add(t.arn()));
        List<String> arns = cutover.replication().dmsTaskArns();
        boolean replaced = dms.task().arnInCutoverConfig() == ArnMerge.REPLACE;
        for (int i = 0; i < arns.size() && !replaced; i++) {
            String arn = arns.get(i);
            Matcher m = DmsTaskArn.PATTERN.matcher(arn);
            String field = "replication.dmsTaskArns[" + i + "]" + inCutover;
            if (m.matches() && (!m.group("region").equals(env.region()) || !m.group("account").equals(env.account()))) {
                f.report(field, "\"" + arn + "\"", "a task in " + env.account() + "/" + env.region()
                        + " (environment): EventBridge only sees tasks of its own account and region");
            } else if (!arn.equals(createdArn) && !existing.contains(arn)) {
                f.report(field, "\"" + arn + "\"", "the task this stack creates (" + createdArn
                        + ") or one listed in dms.existingTasks with its replicationInstanceIdentifier");
            }
        }
        for (int i = 0; i < dms.existingTasks().size(); i++) {
            String arn = dms.existingTasks().get(i).arn();
            if (arn.equals(createdArn)) {
                f.report("dms.existingTasks[" + i + "].arn", "\"" + arn + "\"", "a task this stack does not create");
            } else if (replaced || !arns.contains(arn)) {
                f.report("dms.existingTasks[" + i + "].arn", "\"" + arn + "\"",
                        "a task the stored cutover config lists in replication.dmsTaskArns");
            }
        }
    }
}
