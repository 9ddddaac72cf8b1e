package io.cutover.handlers.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.aws.AwsClients;
import io.cutover.aws.Route53WeightedRecords;
import io.cutover.core.port.cloud.AppliedWeights;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordTarget;
import io.cutover.core.port.cloud.Weights;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/** The Route 53 adapter against LocalStack's Route 53: a real zone, a real weighted pair, read and rewritten. */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Route53WeightedRecordsLocalStackIT {
    @Container
    private final LocalStackContainer localStack = LocalStackAws.container();
    private AwsClients clients;
    private RecordGroupRef group;

    @BeforeAll
    void createZoneWithAWeightedPair() {
        clients = LocalStackAws.clients(localStack);
        String zoneId = clients.route53().createHostedZone(r -> r.name("orders.internal.example.com")
                .callerReference(UUID.randomUUID().toString())).hostedZone().id();
        group = new RecordGroupRef("orders-reader", zoneId, "db-ro.orders.internal.example.com", "CNAME", 30,
                new RecordTarget("source", "orders-pg-replica.abcdefghijkl.eu-west-1.rds.amazonaws.com"),
                new RecordTarget("aurora", "orders-aurora.cluster-ro-abcdefghijkl.eu-west-1.rds.amazonaws.com"));
        clients.route53().changeResourceRecordSets(r -> r.hostedZoneId(group.hostedZoneId()).changeBatch(b -> b
                .changes(create(group.source(), 100), create(group.target(), 0))));
    }

    @AfterAll
    void closeClients() {
        clients.close();
    }

    private software.amazon.awssdk.services.route53.model.Change create(RecordTarget record, long weight) {
        return software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.CREATE)
                .resourceRecordSet(s -> s.name(group.recordName()).type(RRType.CNAME).setIdentifier(record.setIdentifier())
                        .weight(weight).ttl(group.ttl()).resourceRecords(v -> v.value(record.value())))
                .build();
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
