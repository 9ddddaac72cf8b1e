package io.cutover.cdk.construct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.cdk.config.DeploymentConfig.ArnMerge;
import io.cutover.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cutover config as stored in Parameter Store: the file as written, except for the values the
 * stacks own, which are filled in (they may be CDK tokens, resolved at deployment):
 * <ul>
 *   <li>{@code replication.dmsTaskArns}: the created task's ARN is appended unless listed already
 *       ({@code append}), or becomes the only entry ({@code replace});</li>
 *   <li>{@code replication.reverseDmsTaskArn}: the created reverse task's ARN (issue 18's fall-back window);</li>
 *   <li>{@code databases.target.secretArn} and the host and port of {@code databases.target.jdbcUrl}:
 *       the created cluster's login and writer endpoint;</li>
 *   <li>{@code recordGroups[*].target.value}: the cluster (writer groups) or reader endpoint (reader groups).</li>
 * </ul>
 */
public final class StoredCutoverConfig {

    /**
     * @param createdTaskArn null when the stack creates no DMS task
     * @param createdReverseTaskArn null when the stack creates no reverse DMS task
     */
    public record StackValues(String createdTaskArn, ArnMerge arnMerge, String targetSecretArn, String writerHost,
                              String readerHost, int port, String createdReverseTaskArn) {
        public StackValues(String createdTaskArn, ArnMerge arnMerge, String targetSecretArn, String writerHost,
                           String readerHost, int port) {
            this(createdTaskArn, arnMerge, targetSecretArn, writerHost, readerHost, port, null);
        }

        public StackValues {
            Objects.requireNonNull(targetSecretArn, "targetSecretArn");
            Objects.requireNonNull(writerHost, "writerHost");
            Objects.requireNonNull(readerHost, "readerHost");
        }
    }

    private StoredCutoverConfig() {
    }

    public static String render(JsonNode cutoverDocument, StackValues values) {
        ObjectNode doc = cutoverDocument.deepCopy();
        if (values.createdTaskArn() != null) {
            ArrayNode arns = ((ObjectNode) doc.get("replication")).withArray("dmsTaskArns");
            List<String> configured = new ArrayList<>();
            arns.forEach(arn -> configured.add(arn.asText()));
            arns.removeAll();
            values.arnMerge().merge(configured, values.createdTaskArn()).forEach(arns::add);
        }
        if (values.createdReverseTaskArn() != null) {
            ((ObjectNode) doc.get("replication")).put("reverseDmsTaskArn", values.createdReverseTaskArn());
        }
        ObjectNode target = (ObjectNode) doc.get("databases").get("target");
        target.put("secretArn", values.targetSecretArn());
        target.put("jdbcUrl", withHostAndPort(target.get("jdbcUrl").asText(), values.writerHost(), values.port()));
        for (JsonNode group : doc.get("recordGroups")) {
            boolean reader = "reader".equals(group.path("role").asText());
            ((ObjectNode) group.get("target")).put("value", reader ? values.readerHost() : values.writerHost());
        }
        return Json.write(doc);
    }

    /** {@code jdbc:postgresql://old:5432/db?x} becomes {@code jdbc:postgresql://HOST:PORT/db?x}. */
    static String withHostAndPort(String jdbcUrl, String host, int port) {
        int start = jdbcUrl.indexOf("://") + 3;
        int end = jdbcUrl.indexOf('/', start);
        String rest = end < 0 ? "" : jdbcUrl.substring(end);
        return jdbcUrl.substring(0, start) + host + ":" + port + rest;
    }
}
