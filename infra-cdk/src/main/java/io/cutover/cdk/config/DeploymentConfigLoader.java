package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.KMS_KEY_ARN;
import static io.cutover.cdk.config.CommonFields.NON_BLANK;
import static io.cutover.cdk.config.CommonFields.configuredPath;
import static io.cutover.cdk.config.CommonFields.fieldName;
import static io.cutover.cdk.config.CommonFields.inCutover;
import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.orEmpty;
import static io.cutover.cdk.config.CommonFields.read;
import static io.cutover.cdk.config.CommonFields.retention;

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
    /** The start of a PEM certificate block; a bundle holds one per certificate authority. */
    static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    /** Aurora MySQL's maximum Backtrack window, 72 hours. */
    public static final long MAX_BACKTRACK_SECONDS = 259_200;
    /** Parameter Store's Advanced tier limit; room is left for the ARNs and endpoints the stacks fill in. */
    static final int ADVANCED_PARAMETER_BYTES = 8192;
    static final int STACK_VALUES_ALLOWANCE = 768;
    static final int MAX_LAMBDA_TIMEOUT_SECONDS = 900;

    private static final Pattern ASL_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

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
        Functions functions = functions(f, root.objectOrEmpty("functions", "jar", "memoryMb",
                "workflowTasksTimeoutSeconds", "logRetentionDays", "caBundle"), base, overrides, cutover, cutoverFile);
        StateMachine stateMachine = stateMachine(f, root.objectOrEmpty("stateMachine", "definition",
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

    private static Functions functions(JsonFields f, Obj fn, Path base, Overrides overrides, CutoverConfig cutover,
                                       Path cutoverFile) {
        if (fn == null) {
            return null;
        }
        String jarText = fn.optionalText("jar", NON_BLANK, "the path of the shaded functions jar", DEFAULT_FUNCTIONS_JAR);
        Path jar = configuredPath(overrides.functionsJar(), jarText, base);
        String jarField = fieldName(overrides.functionsJar(), "functionsJar", "functions.jar");
        if (jar != null && !Files.isRegularFile(jar)) {
            f.report(jarField, "\"" + jar + "\"", "an existing jar file: run ./build package first");
        }
        int minTimeout = Math.min(cutover.drainTimeoutSeconds() + 60, MAX_LAMBDA_TIMEOUT_SECONDS);
        Long memory = fn.optionalInteger("memoryMb", 512, 10_240, 1536);
        Long timeout = fn.optionalInteger("workflowTasksTimeoutSeconds", 60, MAX_LAMBDA_TIMEOUT_SECONDS,
                MAX_LAMBDA_TIMEOUT_SECONDS);
        if (timeout != null && timeout < minTimeout) {
            f.report("functions.workflowTasksTimeoutSeconds", Long.toString(timeout),
                    "at least " + minTimeout + ": the cutover config's drainTimeoutSeconds ("
                            + cutover.drainTimeoutSeconds() + ") plus a minute, or the drain task is killed mid-wait");
        }
        Long logs = retention(f, fn, 30);
        CaBundle caBundle = caBundle(f, fn, base, overrides, cutover, cutoverFile);
        return new Functions(jar, intValue(memory), intValue(timeout), intValue(logs),
                caBundle == null ? null : caBundle.file(), caBundle == null ? null : caBundle.pem());
    }

    /** @param pem null when the file failed its checks (reported) */
    private record CaBundle(Path file, byte[] pem) {
    }

    /**
     * The CA bundle the functions verify the databases' certificates with. With sslMode verify-ca or verify-full
     * the JDBC driver reads it from the endpoint's {@code sslRootCert} (without one, from
     * {@code ~/.postgresql/root.crt}, which no Lambda function has), so every verifying endpoint must point at the
     * path the CDK app deploys the bundle to, and the bundle must be given and hold certificates the driver reads.
     */
    private static CaBundle caBundle(JsonFields f, Obj fn, Path base, Overrides overrides, CutoverConfig cutover,
                                     Path cutoverFile) {
        String text = fn.optionalText("caBundle", NON_BLANK,
                "the path of a PEM CA bundle, relative to this file, such as \"" + RDS_GLOBAL_BUNDLE_FILE + "\"", null);
        Path bundle = configuredPath(overrides.caBundle(), text, base);
        String field = fieldName(overrides.caBundle(), "caBundle", "functions.caBundle");

        String inCutover = inCutover(cutoverFile);
        List<String> verifying = new ArrayList<>();
        for (String side : List.of("source", "target")) {
            DatabaseEndpoint endpoint = "source".equals(side) ? cutover.databases().source()
                    : cutover.databases().target();
            if (!endpoint.verifiesCertificate()) {
                continue;
            }
            verifying.add("databases." + side + ".sslMode " + endpoint.sslMode());
            if (!DatabaseEndpoint.LAMBDA_CA_BUNDLE.equals(endpoint.sslRootCert())) {
                f.report("databases." + side + ".sslRootCert" + inCutover,
                        endpoint.sslRootCert() == null ? null : "\"" + endpoint.sslRootCert() + "\"",
                        "\"" + DatabaseEndpoint.LAMBDA_CA_BUNDLE + "\": sslMode " + endpoint.sslMode()
                                + " makes the functions read the CA bundle from this path, where the layer built from"
                                + " functions.caBundle puts it (no other CA bundle exists in Lambda)");
            }
        }
        if (bundle == null) {
            if (!verifying.isEmpty() && !fn.present("caBundle")) {
                f.report("functions.caBundle", (String) null, "the path of a PEM CA bundle, relative to this file:"
                        + " the functions verify the database certificates (" + cutoverFile.getFileName() + ": "
                        + String.join(", ", verifying) + ") and find no CA bundle in Lambda unless this app deploys one. For RDS and"
                        + " Aurora, download Amazon's global bundle next to this file ("
                        + downloadCommand(base.resolve(RDS_GLOBAL_BUNDLE_FILE)) + ")"
                        + " and set \"caBundle\": \"" + RDS_GLOBAL_BUNDLE_FILE + "\"");
            }
            return null;
        }
        return new CaBundle(bundle, readCaBundle(f, field, bundle));
    }

    private static String downloadCommand(Path file) {
        return "curl -fsSL -o " + file + " " + RDS_GLOBAL_BUNDLE_URL;
    }

    /**
     * The bundle must be certificates in PEM form that the JDBC driver can read; it parses them the same way.
     *
     * @return the content, or null when a problem was reported
     */
    private static byte[] readCaBundle(JsonFields f, String field, Path bundle) {
        String value = "\"" + bundle + "\"";
        if (!Files.isRegularFile(bundle)) {
            f.report(field, value, "an existing PEM CA bundle file: for RDS and Aurora download Amazon's global bundle with "
                    + downloadCommand(bundle));
            return null;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(bundle);
        } catch (IOException e) {
            f.report(field, value, "a readable PEM CA bundle file (" + e.getClass().getSimpleName() + ")");
            return null;
        }
        // ISO-8859-1 maps every byte, so a binary (DER) file is searched rather than rejected by the decoder.
        if (!new String(content, StandardCharsets.ISO_8859_1).contains(PEM_CERTIFICATE)) {
            f.report(field, value, "a PEM CA bundle with at least one " + PEM_CERTIFICATE + " block (not a DER"
                    + " certificate, a key or a download's error page): for RDS and Aurora, " + downloadCommand(bundle));
            return null;
        }
        // pgjdbc loads sslrootcert with CertificateFactory.generateCertificates: what fails here fails in Lambda.
        try (InputStream in = new ByteArrayInputStream(content)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                f.report(field, value, "a PEM CA bundle whose certificates the JDBC driver can read: it reads none");
                return null;
            }
        } catch (CertificateException | IOException e) {
            f.report(field, value, "a PEM CA bundle whose certificates the JDBC driver can read: " + e.getMessage());
            return null;
        }
        return content;
    }

    private static StateMachine stateMachine(JsonFields f, Obj sm, Path base, Overrides overrides) {
        if (sm == null) {
            return null;
        }
        String text = sm.optionalText("definition", NON_BLANK, "the path of the ASL definition", DEFAULT_STATE_MACHINE);
        Path path = configuredPath(overrides.stateMachineDefinition(), text, base);
        String field = fieldName(overrides.stateMachineDefinition(), "stateMachineAsl", "stateMachine.definition");
        Long logs = retention(f, sm, 90);
        String asl = null;
        if (path != null) {
            if (!Files.isRegularFile(path)) {
                f.report(field, "\"" + path + "\"", "an existing ASL file (statemachine/cutover.asl.json)");
            } else {
                asl = readAsl(f, field, path);
            }
        }
        return new StateMachine(path, asl, intValue(logs));
    }

    private static String readAsl(JsonFields f, String field, Path path) {
        String asl = read(path, "state machine definition " + path);
        JsonNode tree;
        try {
            tree = Json.parseTree(asl, "state machine definition");
        } catch (InvalidDocumentException e) {
            f.report(field, "\"" + path + "\"", "a JSON ASL document: " + e.getMessage());
            return null;
        }
        if (!tree.path("StartAt").isTextual() || !tree.path("States").isObject()) {
            f.report(field, "\"" + path + "\"", "an ASL document with StartAt and States");
        }
        Set<String> unknown = new TreeSet<>();
        Matcher m = ASL_PLACEHOLDER.matcher(asl);
        while (m.find()) {
            if (!ASL_SUBSTITUTIONS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            f.report(field, "placeholders " + unknown, "only the substitutions " + new TreeSet<>(ASL_SUBSTITUTIONS)
                    + " (anything else would reach Step Functions unresolved)");
        }
        return asl;
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
