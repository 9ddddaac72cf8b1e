package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.cdk.config.DeploymentConfig.Functions;
import io.cutover.cdk.config.LogRetention;
import io.cutover.core.config.DatabaseEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The four cutover functions of docs/contracts.md, all from the one shaded jar. Each has its own role
 * holding only the statements its job needs, JSON logs in its own log group, SnapStart on published
 * versions and a {@code live} alias that every trigger and the state machine invoke. With a CA bundle
 * configured, one layer puts it at {@link DatabaseEndpoint#LAMBDA_CA_BUNDLE} for all four.
 */
public final class CutoverFunctions extends Construct {
    /**
     * Newest Java runtime of this CDK version. The jar is compiled for release 21, which runs unchanged
     * on newer Java runtimes; cdk-nag (AwsSolutions-L1) asks for the newest.
     */
    public static final Runtime RUNTIME = Runtime.JAVA_25;
    public static final Architecture ARCHITECTURE = Architecture.ARM_64;
    public static final String ALIAS = "live";

    /** One function of the contract: its name suffix, handler and how long one invocation may take. */
    public enum Kind {
        CUTOVER_API("CutoverApi", "io.cutover.handlers.CutoverApiHandler::handleRequest", 60, true),
        READINESS_POLL("ReadinessPoll", "io.cutover.handlers.ReadinessPollHandler::handleRequest", 120, true),
        ALARM_ROLLBACK("AlarmRollback", "io.cutover.handlers.AlarmRollbackHandler::handleRequest", 120, true),
        WORKFLOW_TASKS("WorkflowTasks", "io.cutover.handlers.WorkflowTaskHandler::handleRequest", 900, false);

        private final String logicalName;
        private final String handler;
        private final int defaultTimeoutSeconds;
        private final boolean startsExecutions;

        Kind(String logicalName, String handler, int defaultTimeoutSeconds, boolean startsExecutions) {
            this.logicalName = logicalName;
            this.handler = handler;
            this.defaultTimeoutSeconds = defaultTimeoutSeconds;
            this.startsExecutions = startsExecutions;
        }

        public String logicalName() {
            return logicalName;
        }

        public String handler() {
            return handler;
        }
    }

    /**
     * @param databaseInVpc which functions open database connections and so run in the VPC
     */
    public record Props(CutoverNames names, Functions settings, AccessScope scope, IVpc vpc, SubnetSelection subnets,
                        ISecurityGroup databaseClientSecurityGroup, List<Kind> databaseInVpc) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(settings.jar(), "settings.jar");
            Objects.requireNonNull(scope, "scope");
            databaseInVpc = List.copyOf(databaseInVpc);
            if (!databaseInVpc.isEmpty()) {
                Objects.requireNonNull(vpc, "vpc");
                Objects.requireNonNull(subnets, "subnets");
                Objects.requireNonNull(databaseClientSecurityGroup, "databaseClientSecurityGroup");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private Functions settings;
            private AccessScope scope;
            private IVpc vpc;
            private SubnetSelection subnets;
            private ISecurityGroup databaseClientSecurityGroup;
            private List<Kind> databaseInVpc = List.of(Kind.WORKFLOW_TASKS);

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder settings(Functions settings) {
                this.settings = settings;
                return this;
            }

            public Builder scope(AccessScope scope) {
                this.scope = scope;
                return this;
            }

            public Builder vpc(IVpc vpc) {
                this.vpc = vpc;
                return this;
            }

            public Builder subnets(SubnetSelection subnets) {
                this.subnets = subnets;
                return this;
            }

            public Builder databaseClientSecurityGroup(ISecurityGroup securityGroup) {
                this.databaseClientSecurityGroup = securityGroup;
                return this;
            }

            public Builder databaseInVpc(List<Kind> kinds) {
                this.databaseInVpc = kinds;
                return this;
            }

            public Props build() {
                return new Props(names, settings, scope, vpc, subnets, databaseClientSecurityGroup, databaseInVpc);
            }
        }
    }

    private final Map<Kind, Function> functions = new LinkedHashMap<>();
    private final Map<Kind, Alias> aliases = new LinkedHashMap<>();
    private final LayerVersion caBundleLayer;

    public CutoverFunctions(Construct scope, String id, Props props) {
        super(scope, id);
        Code code = Code.fromAsset(props.settings().jar().toString());
        this.caBundleLayer = props.settings().caBundle() == null ? null : caBundleLayer(props);
        for (Kind kind : Kind.values()) {
            create(kind, code, props);
        }
    }

    /**
     * One layer holding only {@code cutover/ca-bundle.pem} ({@link CaBundleLayerContent}), so the functions find the bundle at
     * {@link DatabaseEndpoint#LAMBDA_CA_BUNDLE}, the {@code sslRootCert} every verifying endpoint names.
     */
    private LayerVersion caBundleLayer(Props props) {
        Path bundle = props.settings().caBundle();
        byte[] pem = props.settings().caBundlePem();
        Path content = CaBundleLayerContent.stage(pem,
                Path.of(Stage.of(this).getOutdir()).resolve(CaBundleLayerContent.STAGING_DIR));
        String description = "CA bundle the cutover functions verify the databases' TLS certificates with, at "
                + DatabaseEndpoint.LAMBDA_CA_BUNDLE + " (sha256 " + CaBundleLayerContent.contentId(pem)
                + ", from " + bundle.getFileName() + ")";
        return LayerVersion.Builder.create(this, "CaBundle")
                .layerVersionName(props.names().prefix() + "-ca-bundle")
                // Lambda accepts at most 256 characters; only an unusually long file name is cut.
                .description(description.length() <= 256 ? description : description.substring(0, 255) + ")")
                .code(Code.fromAsset(content.toString()))
                .compatibleRuntimes(List.of(RUNTIME))
                .compatibleArchitectures(List.of(ARCHITECTURE))
                .build();
    }

    private void create(Kind kind, Code code, Props props) {
        CutoverNames names = props.names();
        String functionName = names.functionName(kind.logicalName());
        boolean inVpc = props.databaseInVpc().contains(kind);

        LogGroup logGroup = LogGroup.Builder.create(this, kind.logicalName() + "Logs")
                .logGroupName("/aws/lambda/" + functionName)
                .retention(LogRetention.days(props.settings().logRetentionDays()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Role role = Role.Builder.create(this, kind.logicalName() + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs " + functionName + "; only what its part of the cutover needs")
                .build();
        logGroup.grant(role, "logs:CreateLogStream", "logs:PutLogEvents");
        List<PolicyStatement> statements = statementsFor(kind, props.scope(), inVpc);
        statements.forEach(role::addToPolicy);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MIGRATION_ID", names.migrationId());
        environment.put("PARAMETER_PREFIX", names.parameterPrefix());
        if (kind.startsExecutions) {
            environment.put("STATE_MACHINE_ARN", names.stateMachineArn());
        }

        int timeout = kind == Kind.WORKFLOW_TASKS ? props.settings().workflowTasksTimeoutSeconds()
                : kind.defaultTimeoutSeconds;
        Function.Builder builder = Function.Builder.create(this, kind.logicalName())
                .functionName(functionName)
                .description(kind.logicalName() + " of cutover " + names.migrationId())
                .runtime(RUNTIME)
                .architecture(ARCHITECTURE)
                .handler(kind.handler())
                .code(code)
                .memorySize(props.settings().memoryMb())
                .timeout(Duration.seconds(timeout))
                .role(role)
                .environment(environment)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .logGroup(logGroup);
        if (caBundleLayer != null) {
            builder.layers(List.of(caBundleLayer));
        }
        if (inVpc) {
            builder.vpc(props.vpc()).vpcSubnets(props.subnets())
                    .securityGroups(List.of(props.databaseClientSecurityGroup()))
                    .allowPublicSubnet(false);
        }
        Function function = builder.build();
        function.getNode().addDependency(role);
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Every deployment publishes a version (currentVersion) and the live alias points to it");

        Alias.Builder alias = Alias.Builder.create(this, kind.logicalName() + "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion());
        if (kind == Kind.READINESS_POLL) {
            // The next poll replaces a failed one; retrying a stale poll only adds noise.
            alias.retryAttempts(0).maxEventAge(Duration.minutes(5));
        } else {
            alias.retryAttempts(2).maxEventAge(Duration.minutes(15));
        }
        functions.put(kind, function);
        aliases.put(kind, alias.build());

        suppressFindings(role, statements);
    }

    /** Least privilege per function: see the README's table. */
    static List<PolicyStatement> statementsFor(Kind kind, AccessScope scope, boolean inVpc) {
        CutoverNames names = scope.names();
        List<PolicyStatement> statements = new ArrayList<>(CutoverPolicies.parameters(names));
        switch (kind) {
            case CUTOVER_API -> {
                // Status and the dry runs read what the gates read; rollback and backtrack act like the tasks.
                statements.addAll(CutoverPolicies.stateMachine(names));
                statements.addAll(CutoverPolicies.route53(scope));
                statements.addAll(CutoverPolicies.dmsRead(scope));
                statements.addAll(CutoverPolicies.dmsTableStatistics(scope));
                // A rollback after the writer moved reads the reverse task's tables (and resumes it when stopped).
                statements.addAll(CutoverPolicies.dmsReverseTableStatistics(scope));
                statements.addAll(CutoverPolicies.metricsRead(scope));
                statements.addAll(CutoverPolicies.alarmsRead(scope));
                // finalize stops the reverse task; a rollback before the writer moved also resumes the forward ones.
                statements.addAll(CutoverPolicies.dmsFallbackControl(scope, true));
                if (scope.rollbackStrategy() == RollbackStrategy.BACKTRACK) {
                    statements.addAll(CutoverPolicies.clustersRead(scope));
                    statements.addAll(CutoverPolicies.backtrack(scope));
                }
            }
            case READINESS_POLL -> {
                statements.addAll(CutoverPolicies.stateMachine(names));
                statements.addAll(CutoverPolicies.dmsRead(scope));
                statements.addAll(CutoverPolicies.metricsRead(scope));
                statements.addAll(CutoverPolicies.alarmsRead(scope));
                // The poll finalizes a fall-back window whose time is up: the reverse task stopped.
                statements.addAll(CutoverPolicies.dmsFallbackControl(scope, false));
            }
            case ALARM_ROLLBACK -> {
                // Rollback must be able to put traffic back even when the workflow itself is stuck.
                // The event carries the alarm's state: no DescribeAlarms. With dns the rollback needs no recovery,
                // so it finishes without handing over to an execution (RecoveryHandOvers).
                if (scope.rollbackStrategy() != RollbackStrategy.DNS) {
                    statements.addAll(CutoverPolicies.stateMachine(names));
                }
                statements.addAll(CutoverPolicies.route53(scope));
                // A rollback before the writer moved stops the reverse task and resumes the forward ones, waiting on
                // their status.
                statements.addAll(CutoverPolicies.dmsStatusRead(scope));
                statements.addAll(CutoverPolicies.dmsFallbackControl(scope, true));
                // A rollback after the writer moved reads the reverse task's tables and resumes it when stopped.
                statements.addAll(CutoverPolicies.dmsReverseTableStatistics(scope));
            }
            case WORKFLOW_TASKS -> {
                statements.addAll(CutoverPolicies.parameterDeletes(names));
                statements.addAll(CutoverPolicies.route53(scope));
                statements.addAll(CutoverPolicies.dmsRead(scope));
                statements.addAll(CutoverPolicies.dmsTableStatistics(scope));
                // Watch and RollBack read the reverse task's tables.
                statements.addAll(CutoverPolicies.dmsReverseTableStatistics(scope));
                statements.addAll(CutoverPolicies.dmsStop(scope));
                statements.addAll(CutoverPolicies.dmsStart(scope));
                statements.addAll(CutoverPolicies.metricsRead(scope));
                statements.addAll(CutoverPolicies.alarmsRead(scope));
                statements.addAll(CutoverPolicies.rdsRead(scope));
                statements.addAll(CutoverPolicies.recovery(scope));
                statements.addAll(CutoverPolicies.sourceSnapshot(scope));
            }
        }
        if (inVpc) {
            // In the VPC exactly when it opens database connections, which start by reading both logins.
            statements.addAll(CutoverPolicies.databaseSecrets(scope));
            statements.addAll(CutoverPolicies.vpcAccess());
        }
        return statements;
    }

    /** Records, per role, why each remaining wildcard resource is acceptable; only for wildcards it has. */
    private static void suppressFindings(Role role, List<PolicyStatement> statements) {
        List<String> resources = statements.stream().flatMap(s -> s.getResources().stream()).toList();
        Nag.allowWildcards(role, "Scoped to this migration: its Parameter Store prefix (/cutover/{migrationId}/*) and"
                        + " the executions of its own state machine, whose names are created at run time.",
                "Resource::arn:aws[a-z-]*:ssm:.*:parameter/cutover/[^/]+/\\*",
                "Resource::arn:aws[a-z-]*:states:.*:execution:cutover-[^:]+:\\*");
        if (resources.stream().anyMatch(r -> r.endsWith(":change/*"))) {
            Nag.allowWildcards(role, "Route 53 GetChange takes the id of the change made a moment before, which"
                    + " cannot be named in advance.", "Resource::arn:aws[a-z-]*:route53:::change/\\*");
        }
        if (resources.stream().anyMatch(r -> r.matches("arn:.*:rds:.*:(db|snapshot):.*-\\*"))) {
            Nag.allowWildcards(role, "RDS instances and snapshots are matched by the migration's own cluster and"
                            + " snapshot name prefixes; the instances of a restored cluster do not exist in advance.",
                    "Resource::arn:aws[a-z-]*:rds:.*:db:[^:]+-\\*", "Resource::arn:aws[a-z-]*:rds:.*:snapshot:[^:]+-\\*");
        }
        if (resources.stream().anyMatch(r -> r.matches("arn:.*:rds:.*:(pg|og):\\*"))) {
            Nag.allowWildcards(role, "rds:CreateDBInstance is authorized on the parameter and option groups the new"
                            + " instance takes, which are the current writer's and may be changed by its owner; the"
                            + " same statement limits the instance to the restored cluster's name prefix.",
                    "Resource::arn:aws[a-z-]*:rds:.*:pg:\\*", "Resource::arn:aws[a-z-]*:rds:.*:og:\\*");
        }
        if (resources.stream().anyMatch(r -> r.matches("arn:.*:rds:.*:db:\\*"))) {
            Nag.allowWildcards(role, "The existing target cluster's instances are named by its owner, who adds and"
                            + " replaces them without this stack knowing; rds:DescribeDBInstances is read-only, limited"
                            + " to this account and region, and the workflow uses it only to find the current writer.",
                    "Resource::arn:aws[a-z-]*:rds:.*:db:\\*");
        }
        List<String> unscoped = statements.stream().filter(s -> s.getResources().contains("*"))
                .map(PolicyStatement::getSid).toList();
        if (!unscoped.isEmpty()) {
            Nag.allowWildcards(role, "No resource-level permissions exist for these actions (AWS Service"
                    + " Authorization Reference): " + String.join(", ", unscoped) + ". DMS DescribeReplicationTasks and"
                    + " CloudWatch GetMetricData are read-only; the EC2 network-interface actions are what Lambda"
                    + " needs to attach this function to the configured private subnets."
                    + (unscoped.contains("RestoredClusterUsesTargetStorageKey") ? " RestoredClusterUsesTargetStorageKey"
                    + " is the exception: KMS keys have ARNs, but an existing cluster's storage key is not in the"
                    + " deployment config, so the grant is limited to calls RDS makes in this region (kms:ViaService)."
                    : ""), "Resource::\\*");
        }
    }

    public Function function(Kind kind) {
        return functions.get(kind);
    }

    /** The {@code live} alias: what triggers and the state machine invoke. */
    public Alias alias(Kind kind) {
        return aliases.get(kind);
    }

    public Map<Kind, Function> functions() {
        return Map.copyOf(functions);
    }
}
