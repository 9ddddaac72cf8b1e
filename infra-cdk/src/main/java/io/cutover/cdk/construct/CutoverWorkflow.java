package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.cdk.config.LogRetention;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The cutover state machine: a Standard workflow from {@code statemachine/cutover.asl.json}, inlined in
 * the template with its two substitutions, every event logged with its data, traced with X-Ray.
 */
public final class CutoverWorkflow extends Construct {

    public record Props(CutoverNames names, String definitionJson, IFunction workflowTasks, ITopic notifications,
                        IKey notificationsKey, int logRetentionDays) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(definitionJson, "definitionJson");
            Objects.requireNonNull(workflowTasks, "workflowTasks");
            Objects.requireNonNull(notifications, "notifications");
            Objects.requireNonNull(notificationsKey, "notificationsKey");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private String definitionJson;
            private IFunction workflowTasks;
            private ITopic notifications;
            private IKey notificationsKey;
            private int logRetentionDays = 90;

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder definitionJson(String definitionJson) {
                this.definitionJson = definitionJson;
                return this;
            }

            /** The WorkflowTasks {@code live} alias: the ARN the ASL's Task states invoke. */
            public Builder workflowTasks(IFunction workflowTasks) {
                this.workflowTasks = workflowTasks;
                return this;
            }

            public Builder notifications(ITopic notifications) {
                this.notifications = notifications;
                return this;
            }

            public Builder notificationsKey(IKey key) {
                this.notificationsKey = key;
                return this;
            }

            public Builder logRetentionDays(int days) {
                this.logRetentionDays = days;
                return this;
            }

            public Props build() {
                return new Props(names, definitionJson, workflowTasks, notifications, notificationsKey,
                        logRetentionDays);
            }
        }
    }

    private final StateMachine stateMachine;

    public CutoverWorkflow(Construct scope, String id, Props props) {
        super(scope, id);
        CutoverNames names = props.names();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/vendedlogs/states/" + names.stateMachineName())
                .retention(LogRetention.days(props.logRetentionDays()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(names.stateMachineName())
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromString(props.definitionJson()))
                .definitionSubstitutions(Map.of(
                        "WorkflowTasksFunctionArn", props.workflowTasks().getFunctionArn(),
                        "NotificationTopicArn", props.notifications().getTopicArn()))
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                .tracingEnabled(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // The definition is a string, so CDK cannot infer what it calls: grant exactly the two targets.
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("InvokeWorkflowTasksAlias")
                .effect(Effect.ALLOW)
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(props.workflowTasks().getFunctionArn()))
                .build());
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("PublishNotifications")
                .effect(Effect.ALLOW)
                .actions(List.of("sns:Publish"))
                .resources(List.of(props.notifications().getTopicArn()))
                .build());
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("EncryptNotifications")
                .effect(Effect.ALLOW)
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of(props.notificationsKey().getKeyArn()))
                // Only for SNS publishing to the topic (KMS Developer Guide, "kms:ViaService").
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                        "sns." + Stack.of(this).getRegion() + ".amazonaws.com")))
                .build());
        Nag.allowWildcards(stateMachine, "Added by CDK for Step Functions log delivery and X-Ray: the CloudWatch Logs"
                        + " delivery APIs and xray:PutTraceSegments/PutTelemetryRecords have no resource-level"
                        + " permissions.", "Resource::\\*");
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
