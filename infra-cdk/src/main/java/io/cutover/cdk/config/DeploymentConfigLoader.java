package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.KMS_KEY_ARN;
import static io.cutover.cdk.config.CommonFields.NON_BLANK;
import static io.cutover.cdk.config.CommonFields.inCutover;
import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.orEmpty;
import static io.cutover.cdk.config.CommonFields.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.cdk.config.DeploymentConfig.AlarmSpec;
import io.cutover.cdk.config.DeploymentConfig.ArnMerge;
import io.cutover.cdk.config.DeploymentConfig.Backup;
import io.cutover.cdk.config.DeploymentConfig.Database;
import io.cutover.cdk.config.DeploymentConfig.Dms;
import io.cutover.cdk.config.DeploymentConfig.DmsSource;
import io.cutover.cdk.config.DeploymentConfig.DmsTask;
import io.cutover.cdk.config.DeploymentConfig.Environment;
import io.cutover.cdk.config.DeploymentConfig.ExistingCluster;
import io.cutover.cdk.config.DeploymentConfig.ExistingDmsTask;
import io.cutover.cdk.config.DeploymentConfig.Functions;
import io.cutover.cdk.config.DeploymentConfig.Monitoring;
import io.cutover.cdk.config.DeploymentConfig.Network;
import io.cutover.cdk.config.DeploymentConfig.Route53;
import io.cutover.cdk.config.DeploymentConfig.Schedule;
import io.cutover.cdk.config.DeploymentConfig.StateMachine;
import io.cutover.core.config.AlarmName;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.config.TargetCluster;
import io.cutover.core.config.DatabaseEndpoint;
import io.cutover.core.config.DmsArn;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.Engine;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Item;
import io.cutover.core.json.JsonFields.Obj;
import io.cutover.core.json.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a deployment config (see {@code infra-cdk/deploy.example.json}) together with the
 * cutover config it references, reporting every problem at once with the field that causes it.
 * Relative paths in the file are resolved against the file's own directory; the {@link Overrides}
 * (from CDK context) against the working directory.
 */
public final class DeploymentConfigLoader {
    /** The ASL placeholders this app substitutes; any other {@code ${...}} would reach Step Functions unresolved. */
    public static final Set<String> ASL_SUBSTITUTIONS = Set.of("WorkflowTasksFunctionArn", "NotificationTopicArn");
    public static final String DEFAULT_FUNCTIONS_JAR = "../functions/handlers/target/cutover-functions.jar";
    public static final String DEFAULT_STATE_MACHINE = "../statemachine/cutover.asl.json";
    /** Amazon's bundle of every RDS region's certificate authorities, which RDS and Aurora certificates chain to. */
    public static final String RDS_GLOBAL_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";
    /** The name the example deployment gives the downloaded RDS bundle ({@code functions.caBundle}). */
    public static final String RDS_GLOBAL_BUNDLE_FILE = "rds-global-bundle.pem";
    /** Aurora MySQL's maximum Backtrack window, 72 hours. */
    public static final long MAX_BACKTRACK_SECONDS = 259_200;
    /** Parameter Store's Advanced tier limit; room is left for the ARNs and endpoints the stacks fill in. */
    static final int ADVANCED_PARAMETER_BYTES = 8192;
    static final int STACK_VALUES_ALLOWANCE = 768;

    /** Paths given on the command line ({@code cdk synth -c functionsJar=...}); null where not given. */
    public record Overrides(Path functionsJar, Path stateMachineDefinition, Path caBundle) {
        public static Overrides none() {
            return new Overrides(null, null, null);
        }
    }

    private DeploymentConfigLoader() {
    }

    public static DeploymentConfig load(Path file, Overrides overrides) {
        Path deployFile = file.toAbsolutePath().normalize();
        String what = "deployment config " + deployFile;
        JsonNode tree = Json.parseTree(read(deployFile, what), what);
        Path base = deployFile.getParent();

        JsonFields f = new JsonFields();
        Obj root = f.root(tree, "description", "cutoverConfig", "environment", "network", "database", "dms",
                "functions", "stateMachine", "schedule", "route53", "monitoring", "backup", "notifications",
                "sourceSecretKmsKeyArn");
        if (root == null) {
            throw new DeploymentConfigException(what, f.problems());
        }
        String cutoverPath = root.text("cutoverConfig", NON_BLANK, "the path of the cutover config JSON");
        if (cutoverPath == null) {
            throw new DeploymentConfigException(what, f.problems());
        }
        Path cutoverFile = base.resolve(cutoverPath).normalize();
        String cutoverJson = read(cutoverFile, "cutover config " + cutoverFile + " (from cutoverConfig)");
        CutoverConfig cutover;
        JsonNode cutoverDocument;
        try {
            cutoverDocument = Json.parseTree(cutoverJson, "cutover config");
            cutover = CutoverConfigParser.parse(cutoverDocument);
        } catch (InvalidDocumentException e) {
            throw new DeploymentConfigException("cutover config " + cutoverFile + " (from " + deployFile.getFileName()
                    + " cutoverConfig)", e.problems());
        }

        Environment environment = SimpleSections.environment(root.object("environment", "account", "region"));
        Network network = NetworkSection.parse(f, root.object("network", "existingVpc", "newVpc"));
        // objectOrEmpty: an absent section reads as {}, so its defaults live in the getters alone. A section that is
        // there but not an object reads as null (already reported); its part stays null, as nothing is built then.
        Database database = DatabaseSection.parse(f, root.objectOrEmpty("database", "engineVersion", "instanceClass",
                "readers", "port", "databaseName", "masterUsername", "backupRetentionDays", "preferredBackupWindow",
                "backtrackWindowSeconds", "logicalReplication", "logRetentionDays", "existingCluster"), cutover,
                cutoverFile, environment, network);
        Dms dms = DmsSection.parse(f, root, cutover);
        Functions functions = FunctionsSection.parse(f, root.objectOrEmpty("functions", "jar", "memoryMb",
                "workflowTasksTimeoutSeconds", "logRetentionDays", "caBundle"), base, overrides, cutover, cutoverFile);
        StateMachine stateMachine = StateMachineSection.parse(f, root.objectOrEmpty("stateMachine", "definition",
                "logRetentionDays"), base, overrides);
        Schedule schedule = SimpleSections.schedule(root.objectOrEmpty("schedule", "enabled", "readinessPollMinutes"));
        Route53 route53 = SimpleSections.route53(root.objectOrEmpty("route53", "createRecords"));
        Monitoring monitoring = monitoring(f, root.objectOrEmpty("monitoring", "cdcLatency", "targetCpu",
                "targetConnections", "dmsTaskFailure", "externalAlarmNames"), cutover, dms != null);
        Backup backup = SimpleSections.backup(root.objectOrEmpty("backup", "enabled", "retentionDays", "hourUtc",
                "minuteUtc"));
        List<String> emails = SimpleSections.notificationEmails(root.optionalObject("notifications", "emails"));
        String sourceKey = root.optionalText("sourceSecretKmsKeyArn", KMS_KEY_ARN,
                "the ARN of the KMS key that encrypts the source secret", null);

        if (!f.hasProblems()) {
            crossChecks(f, cutover, cutoverJson, cutoverFile, environment, database, dms, monitoring, route53);
        }
        if (f.hasProblems()) {
            throw new DeploymentConfigException(what, f.problems());
        }
        return new DeploymentConfig(deployFile, cutoverFile, cutover, cutoverDocument, environment, network, database,
                dms, functions, stateMachine, schedule, route53, monitoring, backup, emails, sourceKey);
    }

    private static Monitoring monitoring(JsonFields f, Obj m, CutoverConfig cutover, boolean dms) {
        if (m == null) {
            return null;
        }
        String id = cutover.migrationId();
        double latencyDefault = cutover.readiness().maxReaderLatencySeconds();
        AlarmSpec cdc = dms ? alarm(m, "cdcLatency", "thresholdSeconds", id + "-dms-cdc-latency-high", latencyDefault, 3,
                0, 86_400) : null;
        AlarmSpec cpu = alarm(m, "targetCpu", "thresholdPercent", id + "-aurora-cpu-high", 80, 3, 1, 100);
        AlarmSpec connections = alarm(m, "targetConnections", "threshold", id + "-aurora-connections-high", 1000, 3, 1,
                100_000);
        AlarmSpec failure = dms ? alarm(m, "dmsTaskFailure", null, id + "-dms-task-failed", 1, 1, 1, 1) : null;
        if (!dms && (m.has("cdcLatency") || m.has("dmsTaskFailure"))) {
            f.report(m.path(m.has("cdcLatency") ? "cdcLatency" : "dmsTaskFailure"), "{...}",
                    "no DMS alarms: the cutover config replicates natively");
        }
        List<String> external = orEmpty(m.textList("externalAlarmNames", false, 0, 100, AlarmName.PATTERN,
                AlarmName.TEXT));
        return new Monitoring(cdc, cpu, connections, failure, external);
    }

    private static AlarmSpec alarm(Obj monitoring, String name, String thresholdField, String defaultName,
                                   double defaultThreshold, int defaultMinutes, double min, double max) {
        Obj a = thresholdField == null ? monitoring.objectOrEmpty(name, "alarmName")
                : monitoring.objectOrEmpty(name, "alarmName", thresholdField, "evaluationMinutes");
        if (a == null) {
            return null;
        }
        String alarmName = a.optionalText("alarmName", AlarmName.PATTERN, AlarmName.TEXT, defaultName);
        Double threshold = thresholdField == null ? Double.valueOf(defaultThreshold)
                : a.optionalNumber(thresholdField, min, max, defaultThreshold);
        Long minutes = thresholdField == null ? Long.valueOf(defaultMinutes)
                : a.optionalInteger("evaluationMinutes", 1, 60, defaultMinutes);
        return new AlarmSpec(alarmName, threshold == null ? 0 : threshold, intValue(minutes));
    }

    private static void crossChecks(JsonFields f, CutoverConfig cutover, String cutoverJson, Path cutoverFile,
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
