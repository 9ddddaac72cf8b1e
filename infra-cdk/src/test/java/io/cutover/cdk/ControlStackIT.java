package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.construct.CutoverFunctions.Kind;
import io.cutover.core.config.DatabaseEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The control stack of the example deployment: functions, their CA bundle layer, workflow, IAM scoping,
 * parameters, alarms, records.
 */
class ControlStackIT {
    private static final String ZONE_ARN = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
    private static final String STATE_MACHINE_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:cutover-orders-db";
    private static final String PARAMETERS = "arn:aws:ssm:eu-west-1:123456789012:parameter/cutover/orders-db";
    private static final String SOURCE_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-source-admin-AbCdEf";

    private final Template template = Synthesized.example().control();
    private final TemplateJson json = TemplateJson.of(template);

    @Test
    void functions_runJava25OnSnapStart_withJsonLogs_andTheContractsHandlers() {
        for (Kind kind : Kind.values()) {
            String id = json.functionId("cutover-orders-db-" + kind.logicalName());
            JsonNode fn = json.properties(id);

            assertThat(fn.path("Runtime").asText()).isEqualTo("java25");
            assertThat(fn.path("Handler").asText()).isEqualTo(kind.handler());
            assertThat(fn.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(fn.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
            assertThat(fn.path("MemorySize").asInt()).isBetween(1024, 2048);
            assertThat(fn.path("Timeout").asInt()).isBetween(30, 900);
            assertThat(fn.path("Code").path("S3Key").asText()).endsWith(".jar");
        }
        assertThat(json.properties(json.functionId("cutover-orders-db-WorkflowTasks")).path("Timeout").asInt())
                .isEqualTo(900);
    }

    @Test
    void caBundle_isOneLayer_forJava25OnArm64_thatEveryFunctionUses() {
        Map<String, JsonNode> layers = json.resources("AWS::Lambda::LayerVersion");

        assertThat(layers).hasSize(1);
        String layer = layers.keySet().iterator().next();
        JsonNode props = json.properties(layer);
        assertThat(TemplateJson.texts(props.path("CompatibleRuntimes"))).containsExactly("java25");
        assertThat(TemplateJson.texts(props.path("CompatibleArchitectures"))).containsExactly("arm64");
        assertThat(props.path("LayerName").asText()).isEqualTo("cutover-orders-db-ca-bundle");
        for (Kind kind : Kind.values()) {
            JsonNode fnLayers = json.properties(json.functionId("cutover-orders-db-" + kind.logicalName())).path("Layers");

            assertThat(fnLayers).as(kind.logicalName()).hasSize(1);
            assertThat(fnLayers.get(0).path("Ref").asText()).as(kind.logicalName()).isEqualTo(layer);
        }
    }

    @Test
    void caBundleLayer_holdsOnlyTheBundle_atTheSslRootCertPathUnderOpt() throws IOException {
        // GIVEN the layer's asset as synthesized into the cloud assembly (asset.<hash> for the S3 key <hash>.zip)
        JsonNode layer = json.resources("AWS::Lambda::LayerVersion").values().iterator().next();
        String key = layer.path("Properties").path("Content").path("S3Key").asText();
        assertThat(key).endsWith(".zip");
        Path asset = Path.of(Stage.of(Synthesized.example().stacks().control()).getOutdir())
                .resolve("asset." + key.substring(0, key.length() - ".zip".length()));

        // WHEN its files are listed
        List<String> files;
        try (Stream<Path> walk = Files.walk(asset)) {
            files = walk.filter(Files::isRegularFile).map(f -> asset.relativize(f).toString()).toList();
        }

        // THEN Lambda extracts exactly the configured bundle to /opt/cutover/ca-bundle.pem, readable by the function
        Path bundle = asset.resolve("cutover/ca-bundle.pem");
        assertThat(files).containsExactly("cutover/ca-bundle.pem");
        assertThat("/opt/" + files.get(0)).isEqualTo(DatabaseEndpoint.LAMBDA_CA_BUNDLE);
        assertThat(Files.readAllBytes(bundle)).isEqualTo(Files.readAllBytes(TestPaths.caBundle()));
        assertThat(Files.getPosixFilePermissions(bundle)).contains(PosixFilePermission.OTHERS_READ);
    }

    @Test
    void functions_areInvokedThroughALiveAlias_ofAPublishedVersion() {
        for (Kind kind : Kind.values()) {
            String alias = json.aliasIdOf(json.functionId("cutover-orders-db-" + kind.logicalName()));

            assertThat(json.properties(alias).path("Name").asText()).isEqualTo("live");
            assertThat(json.properties(alias).path("FunctionVersion").path("Fn::GetAtt").path(1).asText())
                    .isEqualTo("Version");
        }
    }

    @Test
    void environment_followsTheContract() {
        for (Kind kind : Kind.values()) {
            JsonNode env = json.properties(json.functionId("cutover-orders-db-" + kind.logicalName()))
                    .path("Environment").path("Variables");

            assertThat(env.path("MIGRATION_ID").asText()).isEqualTo("orders-db");
            assertThat(env.path("PARAMETER_PREFIX").asText()).isEqualTo("/cutover/orders-db");
            if (kind == Kind.WORKFLOW_TASKS) {
                assertThat(env.has("STATE_MACHINE_ARN")).isFalse();
            } else {
                assertThat(env.path("STATE_MACHINE_ARN").asText()).isEqualTo(STATE_MACHINE_ARN);
            }
        }
    }

    @Test
    void everyFunctionOpeningDatabaseConnections_runsInTheVpc_withTheDatabaseClientsGroup_andTheLogins() {
        // The API's gates and rollback, the alarm's rollback (unfence) and the tasks open connections; the DMS poll
        // does not.
        for (Kind kind : List.of(Kind.CUTOVER_API, Kind.ALARM_ROLLBACK, Kind.WORKFLOW_TASKS)) {
            String fn = json.functionId("cutover-orders-db-" + kind.logicalName());
            JsonNode vpcConfig = json.properties(fn).path("VpcConfig");
            assertThat(TemplateJson.texts(vpcConfig.path("SubnetIds"))).as(kind.logicalName()).containsExactly(
                    "subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003");
            assertThat(vpcConfig.path("SecurityGroupIds").toString()).contains("DatabaseClients");
            assertThat(json.statementsOfRole(json.roleIdOf(fn)).stream()
                    .flatMap(st -> TemplateJson.texts(st.path("Action")).stream()))
                    .as(kind.logicalName()).contains("secretsmanager:GetSecretValue");
        }
        assertThat(json.properties(json.functionId("cutover-orders-db-" + Kind.READINESS_POLL.logicalName()))
                .has("VpcConfig")).isFalse();
    }

    @Test
    void stateMachine_isStandard_inlined_loggedInFull_andTraced() {
        String workflowAlias = json.aliasIdOf(json.functionId("cutover-orders-db-WorkflowTasks"));
        String topic = json.resources("AWS::SNS::Topic").keySet().iterator().next();
        JsonNode sm = json.properties(json.logicalId("AWS::StepFunctions::StateMachine", p -> true));

        assertThat(sm.path("StateMachineName").asText()).isEqualTo("cutover-orders-db");
        assertThat(sm.path("StateMachineType").asText()).isEqualTo("STANDARD");
        assertThat(sm.has("DefinitionString")).isTrue();
        assertThat(sm.has("DefinitionS3Location")).as("no S3 asset").isFalse();
        assertThat(sm.path("DefinitionSubstitutions").path("WorkflowTasksFunctionArn").path("Ref").asText())
                .isEqualTo(workflowAlias);
        assertThat(sm.path("DefinitionSubstitutions").path("NotificationTopicArn").path("Ref").asText())
                .isEqualTo(topic);
        assertThat(sm.path("LoggingConfiguration").path("Level").asText()).isEqualTo("ALL");
        assertThat(sm.path("LoggingConfiguration").path("IncludeExecutionData").asBoolean()).isTrue();
        assertThat(sm.path("TracingConfiguration").path("Enabled").asBoolean()).isTrue();
    }

    @Test
    void stateMachineRole_invokesOnlyTheWorkflowTasksAlias() {
        String workflowAlias = json.aliasIdOf(json.functionId("cutover-orders-db-WorkflowTasks"));
        String smRole = json.properties(json.logicalId("AWS::StepFunctions::StateMachine", p -> true))
                .path("RoleArn").path("Fn::GetAtt").path(0).asText();

        List<JsonNode> invoke = json.statementsOfRole(smRole).stream()
                .filter(s -> TemplateJson.texts(s.path("Action")).contains("lambda:InvokeFunction")).toList();
        assertThat(invoke).hasSize(1);
        assertThat(invoke.get(0).path("Resource").path("Ref").asText()).isEqualTo(workflowAlias);
    }

    @Test
    void route53Changes_areLimitedToTheConfiguredZone_recordNames_andTypes() {
        List<JsonNode> changes = statementsWithAction("route53:ChangeResourceRecordSets");

        assertThat(changes).isNotEmpty();
        changes.forEach(s -> {
            assertThat(TemplateJson.texts(s.path("Resource"))).containsExactly(ZONE_ARN);
            JsonNode condition = s.path("Condition").path("ForAllValues:StringEquals");
            assertThat(TemplateJson.texts(condition.path("route53:ChangeResourceRecordSetsNormalizedRecordNames")))
                    .containsExactlyInAnyOrder("db.orders.internal.example.com", "db-ro.orders.internal.example.com");
            assertThat(TemplateJson.texts(condition.path("route53:ChangeResourceRecordSetsRecordTypes")))
                    .containsExactly("CNAME");
        });
        statementsWithAction("route53:ListResourceRecordSets")
                .forEach(s -> assertThat(TemplateJson.texts(s.path("Resource"))).containsExactly(ZONE_ARN));
        statementsWithAction("route53:GetChange").forEach(s -> assertThat(TemplateJson.texts(s.path("Resource")))
                .containsExactly("arn:aws:route53:::change/*"));
    }

    @Test
    void parameterStoreAccess_isLimitedToTheMigrationPrefix() {
        List<JsonNode> ssm = functionStatements().stream()
                .filter(s -> TemplateJson.texts(s.path("Action")).stream().anyMatch(a -> a.startsWith("ssm:")))
                .toList();

        // One statement per function, and the tasks' DeleteParameter (the lock).
        assertThat(ssm).hasSize(5);
        ssm.forEach(s -> assertThat(TemplateJson.texts(s.path("Resource")))
                .allMatch(r -> r.equals(PARAMETERS) || r.equals(PARAMETERS + "/*")));
    }

    @Test
    void startExecution_isAllowedOnThisStateMachineOnly() {
        List<JsonNode> start = statementsWithAction("states:StartExecution");

        assertThat(start).hasSize(3);
        start.forEach(s -> assertThat(TemplateJson.texts(s.path("Resource"))).containsExactly(STATE_MACHINE_ARN));
    }

    @Test
    void secrets_areReadable_onlyForTheTwoDatabaseLogins_andOnlyByTheFunctionsOpeningConnections() {
        List<JsonNode> reads = statementsWithAction("secretsmanager:GetSecretValue");

        // CutoverApi, AlarmRollback and WorkflowTasks; not the DMS readiness poll.
        assertThat(reads).hasSize(3);
        for (JsonNode read : reads) {
            List<String> resources = TemplateJson.texts(read.path("Resource"));
            assertThat(resources).hasSize(2);
            assertThat(resources.get(0)).isEqualTo(SOURCE_SECRET);
            assertThat(resources.get(1)).contains("Fn::ImportValue").contains("TargetClusterSecret");
        }
    }

    @Test
    void wildcardResources_areOnlyUsed_whereAwsOffersNoResourceLevelPermissions() {
        Set<String> unscopedActions = new HashSet<>();
        functionStatements().stream()
                .filter(s -> TemplateJson.texts(s.path("Resource")).contains("*"))
                .forEach(s -> unscopedActions.addAll(TemplateJson.texts(s.path("Action"))));

        assertThat(unscopedActions).containsExactlyInAnyOrder("dms:DescribeReplicationTasks",
                "dms:DescribeReplicationInstances", "cloudwatch:GetMetricData", "ec2:CreateNetworkInterface",
                "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses");
    }

    @Test
    void dmsStartAndStop_nameTheForwardTasksAndTheReverseOne_only() {
        String reverse = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE-REVERSE";
        List<String> ours = List.of("arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE",
                "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKTWO", reverse);
        assertThat(statementsWithAction("dms:StartReplicationTask")).isNotEmpty().allSatisfy(s ->
                assertThat(TemplateJson.texts(s.path("Resource"))).containsExactlyElementsOf(ours));
        assertThat(statementsWithAction("dms:StopReplicationTask")).isNotEmpty().allSatisfy(s ->
                assertThat(TemplateJson.texts(s.path("Resource"))).containsExactlyElementsOf(ours));
        // The readiness gates' table statistics stay the forward tasks'; the reverse task's have a statement of their
        // own (Watch and the rollback after the writer moved), naming it alone
        assertThat(statementsWithAction("dms:DescribeTableStatistics")).isNotEmpty().allSatisfy(s -> {
            List<String> resources = TemplateJson.texts(s.path("Resource"));
            assertThat(!resources.contains(reverse) || resources.equals(List.of(reverse))).as("%s", resources).isTrue();
        });
        assertThat(statementsWithAction("dms:DescribeTableStatistics")).anySatisfy(s ->
                assertThat(TemplateJson.texts(s.path("Resource"))).containsExactly(reverse));
    }

    @Test
    void dmsAndAlarmPermissions_nameOurTasksAndAlarms() {
        // The forward tasks' (the gates), and the reverse task's alone (Watch and the rollback after the switch)
        statementsWithAction("dms:DescribeTableStatistics").forEach(s -> assertThat(TemplateJson.texts(s.path("Resource")))
                .isIn(List.of("arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE",
                                "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKTWO"),
                        List.of("arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE-REVERSE")));
        statementsWithAction("cloudwatch:DescribeAlarms").forEach(s -> assertThat(TemplateJson.texts(s.path("Resource")))
                .containsExactly("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-aurora-cpu-high",
                        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-dms-cdc-latency-high"));
        assertThat(statementsWithAction("rds:RestoreDBClusterToPointInTime")).singleElement()
                .satisfies(s -> assertThat(TemplateJson.texts(s.path("Resource"))).contains(
                        "arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora",
                        "arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora-restored"));
    }

    @Test
    void parameters_storeTheConfigAdvanced_withStackOwnedValues_andTheInitialState_butNoLock() {
        Map<String, JsonNode> parameters = json.resources("AWS::SSM::Parameter");
        JsonNode config = parameters.values().stream()
                .filter(p -> p.path("Properties").path("Name").asText().equals("/cutover/orders-db/config"))
                .findFirst().orElseThrow().path("Properties");
        JsonNode state = parameters.values().stream()
                .filter(p -> p.path("Properties").path("Name").asText().equals("/cutover/orders-db/state"))
                .findFirst().orElseThrow().path("Properties");

        assertThat(config.path("Tier").asText()).isEqualTo("Advanced");
        String value = config.path("Value").toString();
        assertThat(value).contains("task:ORDERSTASKONE").contains("task:ORDERSTASKTWO")
                .contains("Fn::ImportValue").contains("EndpointAddress").contains("ReadEndpointAddress")
                .doesNotContain("orders-target-admin-GhIjKl")
                .doesNotContain("orders-aurora.cluster-abcdefghijkl");
        assertThat(state.path("Value").asText()).isEqualTo("{\"phase\":\"IDLE\"}");
        assertThat(parameters.values()).noneMatch(p -> p.path("Properties").path("Name").asText().endsWith("/lock"));
        assertThat(parameters).hasSize(2);
    }

    @Test
    void alarms_theCutoverConfigWatches_areCreatedWithThoseNames_andNotify() {
        Set<String> names = new HashSet<>();
        json.resources("AWS::CloudWatch::Alarm").values()
                .forEach(a -> names.add(a.path("Properties").path("AlarmName").asText()));
        json.resources("AWS::CloudWatch::CompositeAlarm").values()
                .forEach(a -> names.add(a.path("Properties").path("AlarmName").asText()));

        assertThat(names).contains("orders-aurora-cpu-high", "orders-dms-cdc-latency-high",
                "orders-aurora-connections-high", "orders-dms-task-failed",
                "cutover-orders-db-orderstaskone-cdc-latency-source", "cutover-orders-db-orderstaskone-cdc-latency-target",
                "cutover-orders-db-orderstasktwo-cdc-latency-source", "cutover-orders-db-orderstasktwo-cdc-latency-target");
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "orders-dms-task-failed",
                "Namespace", "AWS/Events", "MetricName", "MatchedEvents",
                "Dimensions", List.of(Map.of("Name", "RuleName", "Value", "cutover-orders-db-dms-task-failed")))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "cutover-orders-db-orderstasktwo-cdc-latency-source",
                "Namespace", "AWS/DMS", "MetricName", "CDCLatencySource", "Threshold", 30,
                "Dimensions", Match.arrayWith(List.of(
                        Map.of("Name", "ReplicationInstanceIdentifier", "Value", "orders-dms-sequences"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "orders-aurora-cpu-high", "Namespace", "AWS/RDS", "MetricName", "CPUUtilization",
                "AlarmActions", List.of(Match.objectLike(Map.of("Ref", Match.anyValue()))))));
    }

    @Test
    void notifications_areEncryptedWithARotatingKey_andRequireTls() {
        template.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of(
                "KmsMasterKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        template.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of(
                "Protocol", "email", "Endpoint", "dba-oncall@example.com")));
    }

    @Test
    void notificationTopicPolicy_letsThisAccountsAlarmsAndTheEventRulesPublish() {
        // A topic policy replaces SNS's default: without an allow for cloudwatch.amazonaws.com no alarm reaches email.
        Object alarms = Match.objectLike(Map.of("Effect", "Allow", "Action", "sns:Publish",
                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "123456789012"),
                        "ArnLike", Map.of("aws:SourceArn", Match.anyValue()))));
        Object rules = Match.objectLike(Map.of("Effect", "Allow", "Action", "sns:Publish",
                "Principal", Map.of("Service", "events.amazonaws.com")));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(alarms, rules)))))));
        // The source ARN joins the stack's partition token with this account's alarms in this region.
        assertThat(json.resources("AWS::SNS::TopicPolicy").values().iterator().next().toString())
                .contains("\":cloudwatch:eu-west-1:123456789012:alarm:*\"");
        // The topic's key: EventBridge unconditioned (its KMS requests carry no source keys), CloudWatch only for
        // this account's alarms.
        Object eventsKeyUse = Match.objectLike(Map.of("Effect", "Allow",
                "Principal", Map.of("Service", "events.amazonaws.com"),
                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*")));
        Object alarmsKeyUse = Match.objectLike(Map.of("Effect", "Allow",
                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "123456789012"),
                        "ArnLike", Map.of("aws:SourceArn", Match.anyValue()))));
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("KeyPolicy",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(eventsKeyUse, alarmsKeyUse)))))));
    }

    @Test
    void dashboard_chartsLatency_throughput_functions_andExecutions() {
        String body = json.resources("AWS::CloudWatch::Dashboard").values().iterator().next()
                .path("Properties").path("DashboardBody").toString();

        assertThat(body).contains("CDCLatencySource", "CDCLatencyTarget", "CDCIncomingChanges", "CDCThroughputRowsSource",
                "CDCThroughputRowsTarget", "Invocations", "Errors", "ExecutionsFailed", "ExecutionsTimedOut",
                "CPUUtilization", "DatabaseConnections");
    }

    @Test
    void rules_targetTheLiveAliases_andTheTopic() {
        String readiness = json.aliasIdOf(json.functionId("cutover-orders-db-ReadinessPoll"));
        String rollback = json.aliasIdOf(json.functionId("cutover-orders-db-AlarmRollback"));
        String topic = "arn:aws:sns:eu-west-1:123456789012:cutover-orders-db-notifications";
        template.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of(
                "TopicName", "cutover-orders-db-notifications")));

        assertThat(targetOf("cutover-orders-db-dms-task-state")).isEqualTo(readiness);
        assertThat(targetOf("cutover-orders-db-readiness-schedule")).isEqualTo(readiness);
        assertThat(targetOf("cutover-orders-db-alarm-state")).isEqualTo(rollback);
        assertThat(targetOf("cutover-orders-db-execution-failed")).isEqualTo(topic);
        assertThat(targetOf("cutover-orders-db-dms-task-failed")).isEqualTo(topic);
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "Name", "cutover-orders-db-readiness-schedule", "ScheduleExpression", "rate(1 minute)")));
    }

    private String targetOf(String ruleName) {
        JsonNode rule = json.properties(json.logicalId("AWS::Events::Rule", p -> ruleName.equals(p.path("Name").asText())));
        assertThat(rule.path("Targets")).hasSize(1);
        JsonNode arn = rule.path("Targets").get(0).path("Arn");
        return arn.isTextual() ? arn.asText() : arn.path("Ref").asText();
    }

    private List<JsonNode> functionStatements() {
        return Stream.of(Kind.values())
                .map(k -> json.roleIdOf(json.functionId("cutover-orders-db-" + k.logicalName())))
                .flatMap(role -> json.statementsOfRole(role).stream())
                .toList();
    }

    private List<JsonNode> statementsWithAction(String action) {
        return functionStatements().stream()
                .filter(s -> TemplateJson.texts(s.path("Action")).contains(action))
                .toList();
    }
}
