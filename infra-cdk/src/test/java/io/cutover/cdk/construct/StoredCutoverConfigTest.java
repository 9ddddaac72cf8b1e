package io.cutover.cdk.construct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.config.DeploymentConfig.ArnMerge;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the stacks change in the cutover config before storing it, and what they leave alone. */
class StoredCutoverConfigTest {
    private static final String ONE = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE";
    private static final String TWO = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKTWO";
    private static final String NEW = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSCDC";
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/orders-db/target-admin-Xy12Ab";
    private static final String WRITER = "orders-aurora.cluster-c9x8y7z6.eu-west-1.rds.amazonaws.com";
    private static final String READER = "orders-aurora.cluster-ro-c9x8y7z6.eu-west-1.rds.amazonaws.com";

    private static JsonNode example() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path config = (Files.isDirectory(module.resolve("src")) ? module.getParent() : module)
                .resolve("config/example.json");
        return Json.parseTree(Files.readString(config), "example");
    }

    private static JsonNode render(String createdTask, ArnMerge merge) throws Exception {
        String stored = StoredCutoverConfig.render(example(),
                new StoredCutoverConfig.StackValues(createdTask, merge, SECRET, WRITER, READER, 5432));
        return Json.parseTree(stored, "stored");
    }

    @Test
    void createdTask_alreadyListed_isNotRepeated() throws Exception {
        JsonNode stored = render(ONE, ArnMerge.APPEND);

        assertThat(stored.at("/replication/dmsTaskArns")).extracting(JsonNode::asText).containsExactly(ONE, TWO);
    }

    @Test
    void createdTask_notListed_isAppended() throws Exception {
        JsonNode stored = render(NEW, ArnMerge.APPEND);

        assertThat(stored.at("/replication/dmsTaskArns")).extracting(JsonNode::asText).containsExactly(ONE, TWO, NEW);
    }

    @Test
    void createdTask_replacesTheList_inReplaceMode() throws Exception {
        JsonNode stored = render(NEW, ArnMerge.REPLACE);

        assertThat(stored.at("/replication/dmsTaskArns")).extracting(JsonNode::asText).containsExactly(NEW);
    }

    @Test
    void target_secretEndpointAndRecordValues_becomeTheCreatedClusters() throws Exception {
        JsonNode stored = render(null, null);

        assertThat(stored.at("/databases/target/secretArn").asText()).isEqualTo(SECRET);
        assertThat(stored.at("/databases/target/jdbcUrl").asText())
                .isEqualTo("jdbc:postgresql://" + WRITER + ":5432/orders");
        assertThat(stored.at("/recordGroups/0/target/value").asText()).isEqualTo(WRITER);
        assertThat(stored.at("/recordGroups/1/target/value").asText()).isEqualTo(READER);
        assertThat(stored.at("/recordGroups/0/source/value").asText())
                .isEqualTo("orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com");
        assertThat(stored.at("/databases/source")).isEqualTo(example().at("/databases/source"));
    }

    @Test
    void storedConfig_isStillAValidCutoverConfig() throws Exception {
        String stored = StoredCutoverConfig.render(example(),
                new StoredCutoverConfig.StackValues(NEW, ArnMerge.APPEND, SECRET, WRITER, READER, 5432));

        assertThat(CutoverConfigParser.problemsOf(stored)).isEmpty();
    }

    @Test
    void jdbcUrl_keepsItsDatabaseAndParameters() {
        assertThat(StoredCutoverConfig.withHostAndPort("jdbc:postgresql://old:5432/orders?ssl=true&x=1", "new", 6543))
                .isEqualTo("jdbc:postgresql://new:6543/orders?ssl=true&x=1");
    }
}
