package io.cutover.cdk.construct;

import io.cutover.core.config.RecordGroup;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Locale;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The weighted record pairs of the cutover config, created with all traffic on the source (weights
 * 100 and 0; the handlers own the weights afterwards). Only used with {@code route53.createRecords};
 * otherwise the records already exist and are left alone.
 */
public final class WeightedRecords extends Construct {
    public static final int SOURCE_WEIGHT = 100;
    public static final int TARGET_WEIGHT = 0;

    /** @param targetValues per group name, what its target record points to (an Aurora endpoint) */
    public record Props(List<RecordGroup> groups, Map<String, String> targetValues) {
        public Props {
            groups = List.copyOf(groups);
            targetValues = Map.copyOf(targetValues);
            for (RecordGroup group : groups) {
                Objects.requireNonNull(targetValues.get(group.name()), "targetValues[" + group.name() + "]");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private List<RecordGroup> groups = List.of();
            private Map<String, String> targetValues = Map.of();

            public Builder groups(List<RecordGroup> groups) {
                this.groups = groups;
                return this;
            }

            public Builder targetValues(Map<String, String> targetValues) {
                this.targetValues = targetValues;
                return this;
            }

            public Props build() {
                return new Props(groups, targetValues);
            }
        }
    }

    /** The custom resource type: CloudFormation shows it in the stack's resources. */
    public static final String RESOURCE_TYPE = "Custom::CutoverWeightedRecordPair";
    /** CDK's construct id of the stack-wide function behind AwsCustomResource (aws-cdk-lib custom-resources). */
    static final String AWS_CUSTOM_RESOURCE_FUNCTION = "AWS679f53fac002430cb0da5b7982bd2287";

    /**
     * One create-only custom resource per group: its create makes both records in one change batch (two CREATE
     * actions, so it fails rather than overwrite a record that exists); it has no update and no delete call, and it
     * is retained. Plain {@code AWS::Route53::RecordSet} resources would carry the weights in the template, so any
     * stack update during a cutover (a new alarm, a changed TTL) would set the weights back to 100/0 and move live
     * traffic, and a stack delete would remove the records the applications resolve. From the create on, the
     * handlers own the records (weights, TTL); the stack never touches them again.
     *
     * <p>AWS CDK {@code AwsCustomResource}: "onUpdate - the AWS SDK call to make when the resource is updated.
     * Default: no call" and "onDelete - Default: no call"; with no update call the handler answers an update with
     * the resource's current physical id, so CloudFormation never replaces (and so creates again) the pair. RETAIN
     * sets the DeletionPolicy and UpdateReplacePolicy (CloudFormation User Guide, DeletionPolicy /
     * UpdateReplacePolicy attributes): a stack delete leaves the records in place. Route 53
     * ChangeResourceRecordSets: "CREATE: Creates a resource record set ... fails if a record set with the same name,
     * type and set identifier already exists" and a batch is applied all or nothing (Route 53 API Reference).
     */
    public WeightedRecords(Construct scope, String id, Props props) {
        super(scope, id);
        for (RecordGroup group : props.groups()) {
            pair(group, props.targetValues().get(group.name()));
        }
    }

    private void pair(RecordGroup group, String targetValue) {
        Map<String, Object> batch = Map.of("Comment", "cutover: weighted pair " + group.name()
                        + " created with all traffic on the source",
                "Changes", List.of(create(group, group.source().setIdentifier(), group.source().value(),
                        SOURCE_WEIGHT), create(group, group.target().setIdentifier(), targetValue, TARGET_WEIGHT)));
        AwsCustomResource pair = AwsCustomResource.Builder.create(this, group.name())
                .resourceType(RESOURCE_TYPE)
                .onCreate(AwsSdkCall.builder()
                        .service("Route53")
                        .action("changeResourceRecordSets")
                        .parameters(Map.of("HostedZoneId", group.bareHostedZoneId(), "ChangeBatch", batch))
                        .physicalResourceId(PhysicalResourceId.of("cutover-records-" + group.bareHostedZoneId()
                                + "-" + normalizedName(group.recordName()) + "-" + group.type()))
                        .build())
                .installLatestAwsSdk(false)
                .removalPolicy(RemovalPolicy.RETAIN)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(createOnly(group))))
                .build();
        // The function behind every AwsCustomResource of a stack is one singleton at the stack's root.
        IConstruct function = Stack.of(this).getNode().tryFindChild(AWS_CUSTOM_RESOURCE_FUNCTION);
        if (function != null) {
            Nag.suppress(function, "AwsSolutions-IAM4", "CDK's AwsCustomResource function logs with the "
                    + "AWSLambdaBasicExecutionRole managed policy CDK attaches; it runs at stack create only, to make "
                    + "the weighted records, and reads nothing");
        }
    }

    /** Only CREATE, only this group's name and type, only in its zone (Route 53's condition keys, SAR). */
    private PolicyStatement createOnly(RecordGroup group) {
        Stack stack = Stack.of(this);
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("route53:ChangeResourceRecordSets"))
                .resources(List.of("arn:" + stack.getPartition() + ":route53:::hostedzone/" + group.bareHostedZoneId()))
                .conditions(Map.of("ForAllValues:StringEquals", Map.of(
                        "route53:ChangeResourceRecordSetsNormalizedRecordNames", List.of(normalizedName(group.recordName())),
                        "route53:ChangeResourceRecordSetsRecordTypes", List.of(group.type()),
                        "route53:ChangeResourceRecordSetsActions", List.of("CREATE"))))
                .build();
    }

    private static Map<String, Object> create(RecordGroup group, String setIdentifier, String value, int weight) {
        return Map.of("Action", "CREATE", "ResourceRecordSet", Map.of(
                "Name", group.recordName(),
                "Type", group.type(),
                "SetIdentifier", setIdentifier,
                "Weight", weight,
                "TTL", group.ttl(),
                "ResourceRecords", List.of(Map.of("Value", value))));
    }

    /** Route 53's normalized form for the condition key: lower case, no trailing dot. */
    public static String normalizedName(String recordName) {
        String lower = recordName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
