package io.cutover.handlers.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.aws.Route53WeightedRecords;
import io.cutover.core.port.cloud.AppliedWeights;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordTarget;
import io.cutover.core.port.cloud.Weights;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Route 53 adapter against LocalStack's Route 53: a real zone, a real weighted pair, read and rewritten. */
class Route53WeightedRecordsLocalStackIT extends LocalStackAws {
    private RecordGroupRef group;

    @BeforeAll
    void createZoneWithAWeightedPair() {
        String zoneId = awslocal("route53", "create-hosted-zone",
                "--name", "orders.internal.example.com", "--caller-reference", UUID.randomUUID().toString(),
                "--query", "HostedZone.Id");
        group = new RecordGroupRef("orders-reader", zoneId, "db-ro.orders.internal.example.com", "CNAME", 30,
                new RecordTarget("source", "orders-pg-replica.abcdefghijkl.eu-west-1.rds.amazonaws.com"),
                new RecordTarget("aurora", "orders-aurora.cluster-ro-abcdefghijkl.eu-west-1.rds.amazonaws.com"));
        awslocal("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId,
                "--change-batch", """
                        {"Changes": [%s, %s]}""".formatted(create(group.source(), 100), create(group.target(), 0)));
    }

    private String create(RecordTarget record, long weight) {
        return """
                {"Action": "CREATE", "ResourceRecordSet": {"Name": "%s", "Type": "%s", "SetIdentifier": "%s",
                 "Weight": %d, "TTL": %d, "ResourceRecords": [{"Value": "%s"}]}}""".formatted(group.recordName(),
                group.type(), record.setIdentifier(), weight, group.ttl(), record.value());
    }

    @Test
    void apply_movesBothRecordsOfThePair_andReadSeesTheNewWeights() {
        Route53WeightedRecords records = new Route53WeightedRecords(clients::route53);
        assertThat(records.read(group).weights()).isEqualTo(new Weights(100, 0));

        AppliedWeights applied = records.apply(group, new Weights(80, 20), Duration.ofSeconds(60));

        assertThat(applied.changeId()).isNotBlank();
        assertThat(records.read(group).weights()).isEqualTo(new Weights(80, 20));
        assertThat(records.read(group).complete()).isTrue();
    }
}
