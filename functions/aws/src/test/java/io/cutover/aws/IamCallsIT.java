package io.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.aws.testing.IamCalls;
import io.cutover.aws.testing.IamCalls.Call;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The recorder reads what IAM sees from the requests the real SDK clients send: the service from the signature,
 * the ARNs the request names and the condition-key values (the stub refuses every request; the request is logged).
 */
class IamCallsIT extends WireMockAwsTest {

    @BeforeEach
    void refuseEverything() {
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)));
    }

    private Call onlyCall() {
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
        return IamCalls.of("CutoverApi", "test", wireMock.getAllServeEvents().getFirst().getRequest());
    }

    @Test
    void route53Change_recordsTheZone_andTheBatchsActionsTypesAndNormalizedNames() {
        assertThatThrownBy(() -> clients.route53().changeResourceRecordSets(r -> r.hostedZoneId("Z0123456789ABCDEFGHIJ")
                .changeBatch(b -> b.changes(
                        c -> c.action(ChangeAction.DELETE).resourceRecordSet(s -> s.name("DB.Orders.example.com.")
                                .type(RRType.CNAME).ttl(30L).setIdentifier("source").weight(100L)
                                .resourceRecords(v -> v.value("a.example.com"))),
                        c -> c.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("db.orders.example.com")
                                .type(RRType.CNAME).ttl(30L).setIdentifier("source").weight(100L)
                                .resourceRecords(v -> v.value("a.example.com")))))));

        Call call = onlyCall();
        assertThat(call.service()).isEqualTo("route53");
        assertThat(call.operation()).isEqualTo("ChangeResourceRecordSets");
        assertThat(call.resources()).containsExactly("arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ");
        assertThat(call.context()).isEqualTo(Map.of(
                "route53:ChangeResourceRecordSetsActions", List.of("CREATE", "DELETE"),
                "route53:ChangeResourceRecordSetsNormalizedRecordNames", List.of("db.orders.example.com"),
                "route53:ChangeResourceRecordSetsRecordTypes", List.of("CNAME")));
    }

    @Test
    void cloudWatchRequests_areCloudwatchInIam_thoughSignedAsMonitoring() {
        assertThatThrownBy(() -> clients.cloudWatch().describeAlarms(r -> r.alarmNames("orders-aurora-cpu-high")));

        Call call = onlyCall();
        assertThat(call.service()).isEqualTo("cloudwatch");
        assertThat(call.resources())
                .containsExactly("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-aurora-cpu-high");
    }

    @Test
    void restoreOfAnEncryptedCluster_recordsEveryRdsResource_andTheKeyRdsWillUse() {
        assertThatThrownBy(() -> clients.rds().restoreDBClusterToPointInTime(r -> r.sourceDBClusterIdentifier("orders")
                .dbClusterIdentifier("orders-restored").dbSubnetGroupName("subnets")
                .kmsKeyId("arn:aws:kms:eu-west-1:123456789012:key/k1").useLatestRestorableTime(true)));

        Call call = onlyCall();
        assertThat(call.service()).isEqualTo("rds");
        assertThat(call.resources()).containsExactlyInAnyOrder("arn:aws:rds:eu-west-1:123456789012:cluster:orders",
                "arn:aws:rds:eu-west-1:123456789012:cluster:orders-restored",
                "arn:aws:rds:eu-west-1:123456789012:subgrp:subnets");
        assertThat(call.context())
                .containsEntry("cutover:KmsKeyId", List.of("arn:aws:kms:eu-west-1:123456789012:key/k1"));
    }

    @Test
    void dmsAndParameterStoreRequests_recordTheArnsTheyName() {
        String task = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE";
        assertThatThrownBy(() -> clients.dms().describeTableStatistics(r -> r.replicationTaskArn(task)));
        assertThat(onlyCall().resources()).containsExactly(task);

        wireMock.resetRequests();
        assertThatThrownBy(() -> clients.ssm().getParameter(r -> r.name("/cutover/orders-db/config")));
        assertThat(onlyCall().resources())
                .containsExactly("arn:aws:ssm:eu-west-1:123456789012:parameter/cutover/orders-db/config");
    }
}
