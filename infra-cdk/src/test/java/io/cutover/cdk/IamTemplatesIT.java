package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.cdk.config.NetworkSection;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Writes the synthesized templates the iam-simulation module evaluates the recorded calls against
 * ({@code target/iam-templates/{variant}.json}: both stacks and the deployment config they came from): both example
 * deployments, native replication, and each rollback strategy (dns, pitr, backtrack on an Aurora MySQL target).
 * The state machine's role is in every control template.
 */
class IamTemplatesIT {
    static final Path OUT = TestPaths.module().resolve("target/iam-templates");
    private static final Path VARIANTS = TestPaths.module().resolve("target/test-variants");

    /** Each variant's deployment config by variant name; WeightedRecordsHandlerIT records its pairs' creates. */
    static Map<String, Supplier<Path>> variants() {
        Map<String, Supplier<Path>> variants = new LinkedHashMap<>();
        variants.put("example", TestPaths::exampleDeployConfig);
        variants.put("existing-cluster", () -> ConfigVariant.ofExistingClusterExample()
                .writeTo(VARIANTS, "iam-existing-cluster"));
        variants.put("native-replication", () -> ConfigVariant.ofExample().nativeReplication().withoutDms()
                .writeTo(VARIANTS, "iam-native-replication"));
        variants.put("dns-rollback", () -> ConfigVariant.ofExample()
                .cutover(c -> c.putObject("rollback").put("strategy", "dns"))
                .writeTo(VARIANTS, "iam-dns-rollback"));
        variants.put("existing-cluster-dns-rollback", () -> ConfigVariant.ofExistingClusterExample()
                .cutover(c -> c.putObject("rollback").put("strategy", "dns"))
                .deploy(d -> ConfigVariant.obj(d, "database.existingCluster").remove(
                        java.util.List.of("subnetGroupName", "clusterParameterGroupName")))
                .writeTo(VARIANTS, "iam-existing-cluster-dns-rollback"));
        variants.put("backtrack-mysql", () -> ConfigVariant.ofExample().auroraMysqlWithBacktrack()
                .writeTo(VARIANTS, "iam-backtrack-mysql"));
        variants.put("snapshot-source", () -> ConfigVariant.ofExample()
                .cutover(c -> c.putObject("snapshotSourceBeforeSwitch").put("dbInstanceIdentifier", "orders-pg"))
                .writeTo(VARIANTS, "iam-snapshot-source"));
        return variants;
    }

    @Test
    void everyVariantsTemplates_areWrittenForTheSimulation() throws IOException {
        Files.createDirectories(OUT);
        for (Map.Entry<String, Supplier<Path>> variant : variants().entrySet()) {
            Path deployConfig = variant.getValue().get();
            Synthesized synth = Synthesized.of(deployConfig);
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("variant", variant.getKey());
            out.set("deployConfig", Json.MAPPER.readTree(Files.readString(deployConfig)));
            out.set("cutoverConfig", Json.MAPPER.readTree(Files.readString(deployConfig.resolveSibling(
                    Json.MAPPER.readTree(Files.readString(deployConfig)).path("cutoverConfig").asText()))));
            // The simulation checks each API a function calls against it: what an existing VPC without NAT needs.
            out.set("calledEndpointServices", Json.MAPPER.valueToTree(NetworkSection.CALLED_ENDPOINT_SERVICES));
            out.set("data", Json.MAPPER.valueToTree(synth.data().toJSON()));
            out.set("control", Json.MAPPER.valueToTree(synth.control().toJSON()));
            Path file = OUT.resolve(variant.getKey() + ".json");
            Files.writeString(file, Json.writePretty(out));
            assertThat(out.path("control").path("Resources").size()).as(variant.getKey()).isPositive();
        }
    }
}
