package io.cutover.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A copy of an example deployment (deploy.example.json or deploy.existing-cluster.example.json, with
 * config/example.json) written to a directory, with edits applied to either file. Paths are made absolute so
 * the copy works from anywhere.
 */
final class ConfigVariant {
    private final ObjectNode deploy;
    private final ObjectNode cutover;

    private ConfigVariant(Path deployExample) {
        try {
            this.deploy = (ObjectNode) Json.MAPPER.readTree(Files.readString(deployExample));
            this.cutover = (ObjectNode) Json.MAPPER.readTree(Files.readString(TestPaths.exampleCutoverConfig()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((ObjectNode) deploy.get("functions")).put("jar", TestPaths.functionsJar().toString());
        ((ObjectNode) deploy.get("functions")).put("caBundle", TestPaths.caBundle().toString());
        ((ObjectNode) deploy.get("stateMachine")).put("definition", TestPaths.stateMachine().toString());
    }

    static ConfigVariant ofExample() {
        return new ConfigVariant(TestPaths.exampleDeployConfig());
    }

    /** Starts from deploy.existing-cluster.example.json: the cutover around an Aurora cluster made elsewhere. */
    static ConfigVariant ofExistingClusterExample() {
        return new ConfigVariant(TestPaths.existingClusterDeployConfig());
    }

    ConfigVariant deploy(Consumer<ObjectNode> edit) {
        edit.accept(deploy);
        return this;
    }

    ConfigVariant cutover(Consumer<ObjectNode> edit) {
        edit.accept(cutover);
        return this;
    }

    /** Writes both files into {@code dir} (named after {@code name}) and returns the deployment config's path. */
    Path writeTo(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path cutoverFile = dir.resolve(name + ".cutover.json");
            Path deployFile = dir.resolve(name + ".json");
            deploy.put("cutoverConfig", cutoverFile.getFileName().toString());
            Files.writeString(cutoverFile, Json.writePretty(cutover));
            Files.writeString(deployFile, Json.writePretty(deploy));
            return deployFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node at a dotted path such as {@code dms.task} or {@code recordGroups.0}; the root for "". */
    static JsonNode at(ObjectNode root, String path) {
        JsonNode node = root;
        for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
            node = part.matches("\\d+") ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        return node;
    }

    static ObjectNode obj(ObjectNode root, String path) {
        return (ObjectNode) at(root, path);
    }

    static ArrayNode arr(ObjectNode root, String path) {
        return (ArrayNode) at(root, path);
    }

    /** An Aurora MySQL target with Backtrack (72 h) as the rollback. */
    ConfigVariant auroraMysqlWithBacktrack() {
        obj(cutover, "target").put("engine", "aurora-mysql");
        // The reverse DMS task reads a PostgreSQL slot on the target: none with Aurora MySQL.
        obj(cutover, "replication").remove("reverseDmsTaskArn");
        cutover.putObject("rollback").put("strategy", "backtrack");
        ObjectNode database = obj(deploy, "database");
        database.remove("engineVersion");
        database.put("port", 3306);
        database.put("backtrackWindowSeconds", 259_200);
        return this;
    }

    /** Native logical replication instead of DMS, so no DMS resources or DMS alarms. */
    ConfigVariant nativeReplication() {
        ObjectNode replication = cutover.putObject("replication");
        replication.put("kind", "native");
        replication.putArray("slots").add("orders_slot");
        replication.putArray("subscriptions").add("orders_sub");
        replication.put("publication", "orders_pub");
        cutover.put("stopDmsTaskAfterSwitch", false);
        cutover.putArray("alarms").add("orders-aurora-cpu-high");
        cutover.remove("replicationAlarms");
        return this;
    }

    /** No DMS section and no DMS alarms in the deployment config (pairs with {@link #nativeReplication()}). */
    ConfigVariant withoutDms() {
        deploy.remove("dms");
        obj(deploy, "monitoring").remove("cdcLatency");
        obj(deploy, "monitoring").remove("dmsTaskFailure");
        return this;
    }

    /** A new VPC instead of the existing one. */
    ConfigVariant newVpc() {
        ObjectNode network = deploy.putObject("network");
        ObjectNode vpc = network.putObject("newVpc");
        vpc.put("cidr", "10.40.0.0/16");
        vpc.putArray("availabilityZones").add("eu-west-1a").add("eu-west-1b").add("eu-west-1c");
        vpc.put("natGateways", 1);
        return this;
    }
}
