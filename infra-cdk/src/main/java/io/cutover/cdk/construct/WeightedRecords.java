package io.cutover.cdk.construct;

import io.cutover.core.config.RecordGroup;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.route53.CfnRecordSet;
import software.constructs.Construct;

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

    public WeightedRecords(Construct scope, String id, Props props) {
        super(scope, id);
        for (RecordGroup group : props.groups()) {
            record(group, "Source", group.source().setIdentifier(), group.source().value(), SOURCE_WEIGHT);
            record(group, "Target", group.target().setIdentifier(), props.targetValues().get(group.name()),
                    TARGET_WEIGHT);
        }
    }

    private void record(RecordGroup group, String side, String setIdentifier, String value, int weight) {
        CfnRecordSet.Builder.create(this, group.name() + side)
                .hostedZoneId(group.bareHostedZoneId())
                .name(group.recordName())
                .type(group.type())
                .ttl(Integer.toString(group.ttl()))
                .setIdentifier(setIdentifier)
                .weight(weight)
                .resourceRecords(List.of(value))
                .build();
    }
}
