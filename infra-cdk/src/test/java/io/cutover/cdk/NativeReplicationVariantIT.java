package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.construct.CutoverFunctions.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native logical replication: no DMS at all, and the readiness poller measures lag inside PostgreSQL. */
class NativeReplicationVariantIT {
    private static final Path CONFIG = ConfigVariant.ofExample()
            .nativeReplication()
            .withoutDms()
            .writeTo(TestPaths.module().resolve("target/test-variants"), "native-replication");

    private final Synthesized synth = Synthesized.of(CONFIG);
    private final TemplateJson control = TemplateJson.of(synth.control());

    @Test
    void noDmsResources_areCreated() {
        for (String type : List.of("AWS::DMS::ReplicationInstance", "AWS::DMS::Endpoint", "AWS::DMS::ReplicationTask",
                "AWS::DMS::ReplicationSubnetGroup")) {
            synth.data().resourceCountIs(type, 0);
        }
        assertThat(control.resources("AWS::CloudWatch::CompositeAlarm")).isEmpty();
    }

    @Test
    void onlyAlarmAndExecutionRules_haveEventPatterns() {
        List<String> patterned = control.resources("AWS::Events::Rule").values().stream()
                .filter(r -> r.path("Properties").has("EventPattern"))
                .map(r -> r.path("Properties").path("Name").asText()).toList();

        assertThat(patterned).containsExactlyInAnyOrder("cutover-orders-db-alarm-state",
                "cutover-orders-db-execution-failed");
    }

    @Test
    void readinessPoll_runsInTheVpc_andMayReadTheDatabaseLogins_butNotDms() {
        String fn = control.functionId("cutover-orders-db-" + Kind.READINESS_POLL.logicalName());
        List<JsonNode> statements = control.statementsOfRole(control.roleIdOf(fn));
        List<String> actions = statements.stream().flatMap(s -> TemplateJson.texts(s.path("Action")).stream()).toList();

        assertThat(control.properties(fn).has("VpcConfig")).isTrue();
        assertThat(actions).contains("secretsmanager:GetSecretValue").noneMatch(a -> a.startsWith("dms:"));
    }

    @Test
    void awsSolutionsAndCdk_reportNothingUnsuppressed() {
        assertThat(CdkNagIT.findings(synth, true)).isEmpty();
        assertThat(CdkNagIT.findings(synth, false)).isEmpty();
        assertThat(CdkNagIT.allWarningsAndErrors(synth)).isEmpty();
    }
}
