package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.KMS_KEY_ARN;
import static io.cutover.cdk.config.CommonFields.NON_BLANK;
import static io.cutover.cdk.config.CommonFields.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.config.DeploymentConfig.Backup;
import io.cutover.cdk.config.DeploymentConfig.Database;
import io.cutover.cdk.config.DeploymentConfig.Dms;
import io.cutover.cdk.config.DeploymentConfig.Environment;
import io.cutover.cdk.config.DeploymentConfig.Functions;
import io.cutover.cdk.config.DeploymentConfig.Monitoring;
import io.cutover.cdk.config.DeploymentConfig.Network;
import io.cutover.cdk.config.DeploymentConfig.Route53;
import io.cutover.cdk.config.DeploymentConfig.Schedule;
import io.cutover.cdk.config.DeploymentConfig.StateMachine;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a deployment config (see {@code infra-cdk/deploy.example.json}) together with the
 * cutover config it references, reporting every problem at once with the field that causes it.
 * Relative paths in the file are resolved against the file's own directory; the {@link Overrides}
 * (from CDK context) against the working directory.
 *
 * <p>This class reads the two files and runs the sections in the file's order, each in its own class
 * ({@link NetworkSection}, {@link DatabaseSection}, {@link DmsSection}, {@link FunctionsSection},
 * {@link StateMachineSection}, {@link MonitoringSection}, {@link SimpleSections}), then {@link CrossChecks}.
 * They all report into one {@link JsonFields}, so problems come out in the order they are found.
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
        Monitoring monitoring = MonitoringSection.parse(f, root.objectOrEmpty("monitoring", "cdcLatency", "targetCpu",
                "targetConnections", "dmsTaskFailure", "externalAlarmNames"), cutover, dms != null);
        Backup backup = SimpleSections.backup(root.objectOrEmpty("backup", "enabled", "retentionDays", "hourUtc",
                "minuteUtc"));
        List<String> emails = SimpleSections.notificationEmails(root.optionalObject("notifications", "emails"));
        String sourceKey = root.optionalText("sourceSecretKmsKeyArn", KMS_KEY_ARN,
                "the ARN of the KMS key that encrypts the source secret", null);

        if (!f.hasProblems()) {
            CrossChecks.check(f, cutover, cutoverJson, cutoverFile, environment, database, dms, monitoring, route53);
        }
        if (f.hasProblems()) {
            throw new DeploymentConfigException(what, f.problems());
        }
        return new DeploymentConfig(deployFile, cutoverFile, cutover, cutoverDocument, environment, network, database,
                dms, functions, stateMachine, schedule, route53, monitoring, backup, emails, sourceKey);
    }
}
