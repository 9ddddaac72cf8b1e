package io.cutover.aws;

import software.amazon.awssdk.services.ssm.model.ParameterTier;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small rules the adapters apply before anything goes on the wire. */
class AdapterRulesTest {

    @Test
    void normalizeName_comparesRoute53NamesAsRoute53ReturnsThem() {
        assertThat(Route53WeightedRecords.normalizeName("DB.Orders.example.com")).isEqualTo("db.orders.example.com.");
        assertThat(Route53WeightedRecords.normalizeName("db.orders.example.com.")).isEqualTo("db.orders.example.com.");
        assertThat(Route53WeightedRecords.normalizeName("\\052.orders.example.com."))
                .isEqualTo(Route53WeightedRecords.normalizeName("*.orders.example.com"));
    }

    @Test
    void bareChangeId_stripsThePathPrefix() {
        assertThat(Route53WeightedRecords.bareChangeId("/change/C2682N5HXP0BZ4")).isEqualTo("C2682N5HXP0BZ4");
        assertThat(Route53WeightedRecords.bareChangeId("C2682N5HXP0BZ4")).isEqualTo("C2682N5HXP0BZ4");
    }

    @Test
    void parameterNames_placeDocumentsUnderTheMigration_andRejectPathTricks() {
        ParameterNames names = new ParameterNames("/cutover");

        assertThat(names.of("orders-db", "rollback-point")).isEqualTo("/cutover/orders-db/rollback-point");
        assertThatThrownBy(() -> names.of("orders-db/../other", "state")).hasMessageContaining("migrationId");
        assertThatThrownBy(() -> names.of("orders-db", "")).hasMessageContaining("name");
        assertThatThrownBy(() -> new ParameterNames("cutover/")).hasMessageContaining("must start with /");
    }

    @Test
    void tierFor_switchesToAdvanced_onlyAbove4096Bytes() {
        assertThat(SsmKeyValueStore.tierFor(4096)).isEqualTo(ParameterTier.INTELLIGENT_TIERING);
        assertThat(SsmKeyValueStore.tierFor(4097)).isEqualTo(ParameterTier.ADVANCED);
    }

    @Test
    void taskMetrics_useTheArnResourceIdAsTheTaskDimension_andLowercaseQueryIds() {
        var metrics = new DmsCloudWatchProbe.TaskMetrics(7, "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE",
                "arn:aws:dms:eu-west-1:123456789012:rep:INSTANCE", "orders-dms");

        assertThat(metrics.resourceId()).isEqualTo("ORDERSTASKONE");
        assertThat(metrics.id("CDCLatencySource")).isEqualTo("t7_src").matches("[a-z][a-zA-Z0-9_]*");
        assertThat(metrics.id("CDCLatencyTarget")).isEqualTo("t7_tgt");
        assertThat(metrics.id("CDCIncomingChanges")).isEqualTo("t7_inc");
    }

    @Test
    void stepFunctionsStarter_derivesTheExecutionArnFromTheStateMachineArn() {
        var sfn = software.amazon.awssdk.services.sfn.SfnClient.builder()
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1).build();
        var starter = new StepFunctionsWorkflowStarter(() -> sfn,
                "arn:aws:states:eu-west-1:123456789012:stateMachine:CutoverOrdersDb");

        assertThat(starter.executionArn("orders-db-1"))
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:CutoverOrdersDb:orders-db-1");
        var unconfigured = new StepFunctionsWorkflowStarter(() -> sfn, "");
        assertThatThrownBy(() -> unconfigured.start(new io.cutover.core.port.cloud.WorkflowStart("orders-db", 1, "{}")))
                .hasMessageContaining("not a state machine ARN").hasMessageContaining("STATE_MACHINE_ARN");
    }

    @Test
    void adapters_buildNoClient_untilTheirFirstCall() {
        // GIVEN client suppliers that fail when asked: building a client is what a cold start must not pay for
        // WHEN every adapter is built, as AwsWiring builds them at init
        // THEN none of them asked for its client
        assertThatCode(() -> {
            new Route53WeightedRecords(unused("Route 53"));
            new SsmKeyValueStore(unused("SSM"));
            new SsmMigrationLock(unused("SSM"));
            new DmsCloudWatchProbe(unused("DMS"), unused("CloudWatch"));
            new CloudWatchAlarmStates(unused("CloudWatch"));
            new RdsClusterRecovery(unused("RDS"));
            new StepFunctionsWorkflowStarter(unused("Step Functions"), "");
            new SecretsManagerSecretResolver(unused("Secrets Manager"));
        }).doesNotThrowAnyException();
    }

    private static <T> Supplier<T> unused(String service) {
        return () -> {
            throw new AssertionError("the " + service + " client was built with its adapter, before any call");
        };
    }
}
