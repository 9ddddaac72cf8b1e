package io.cutover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of SSM (JSON 1.1), DMS (JSON 1.1) and CloudWatch (Query) on 127.0.0.1 for a readiness poll and a
 * config read, answering in the shapes the SDK unmarshals. Counts every request by operation; the probes read and
 * reset the counts at {@code /__bench/counts} and {@code /__bench/reset} (not counted).
 */
final class StubAws implements AutoCloseable {
    static final String INSTANCE_ARN = "arn:aws:dms:eu-west-1:123456789012:rep:BENCHINSTANCE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    StubAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::serve);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void putParameter(String name, String value) {
        parameters.put(name, value);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/__bench/counts")) {
                respond(exchange, 200, "application/json", JSON.writeValueAsString(new TreeMap<>(snapshot())));
                return;
            }
            if (path.equals("/__bench/reset")) {
                counts.clear();
                respond(exchange, 200, "application/json", "{}");
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null) {
                String operation = target.substring(target.indexOf('.') + 1);
                count(operation);
                json(exchange, operation, JSON.readTree(body.isEmpty() ? "{}" : body));
            } else {
                Map<String, String> form = form(body);
                String action = form.getOrDefault("Action", exchange.getRequestMethod() + " " + path);
                count(action);
                query(exchange, action, form);
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, "text/plain", "stub failure: " + e);
        }
    }

    private void json(HttpExchange exchange, String operation, JsonNode request) throws IOException {
        String name = request.path("Name").asText();
        switch (operation) {
            case "GetParameter" -> {
                String value = parameters.get(name);
                if (value == null) {
                    jsonError(exchange, "ParameterNotFound", "Parameter " + name + " not found.");
                    return;
                }
                ObjectNode answer = JSON.createObjectNode();
                answer.putObject("Parameter").put("Name", name).put("Type", "String").put("Value", value)
                        .put("Version", 1).put("DataType", "text");
                jsonOk(exchange, answer);
            }
            case "PutParameter" -> {
                String value = request.path("Value").asText();
                if (!request.path("Overwrite").asBoolean(false) && parameters.putIfAbsent(name, value) != null) {
                    jsonError(exchange, "ParameterAlreadyExists", "The parameter already exists.");
                    return;
                }
                parameters.put(name, value);
                jsonOk(exchange, JSON.createObjectNode().put("Version", 2).put("Tier", "Standard"));
            }
            case "DeleteParameter" -> {
                parameters.remove(name);
                jsonOk(exchange, JSON.createObjectNode());
            }
            case "DescribeReplicationTasks" -> {
                ObjectNode answer = JSON.createObjectNode();
                ArrayNode tasks = answer.putArray("ReplicationTasks");
                for (JsonNode arn : request.path("Filters").path(0).path("Values")) {
                    ObjectNode task = tasks.addObject().put("ReplicationTaskArn", arn.asText())
                            .put("ReplicationTaskIdentifier", "bench-" + arn.asText().substring(arn.asText().lastIndexOf(':') + 1).toLowerCase())
                            .put("ReplicationInstanceArn", INSTANCE_ARN).put("MigrationType", "full-load-and-cdc")
                            .put("Status", "running");
                    task.putObject("ReplicationTaskStats").put("FullLoadProgressPercent", 100).put("TablesErrored", 0);
                }
                jsonOk(exchange, answer);
            }
            case "DescribeReplicationInstances" -> {
                ObjectNode answer = JSON.createObjectNode();
                answer.putArray("ReplicationInstances").addObject().put("ReplicationInstanceArn", INSTANCE_ARN)
                        .put("ReplicationInstanceIdentifier", "bench-dms").put("ReplicationInstanceStatus", "available");
                jsonOk(exchange, answer);
            }
            default -> jsonError(exchange, "UnknownOperationException", "the bench stub does not answer " + operation);
        }
    }

    private void query(HttpExchange exchange, String action, Map<String, String> form) throws IOException {
        switch (action) {
            case "GetMetricData" -> {
                // Three fresh samples per query (150, 90 and 30 s old), whatever the metric: latency 2 s, nothing incoming.
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                StringBuilder results = new StringBuilder();
                for (Map.Entry<String, String> field : form.entrySet()) {
                    if (field.getKey().startsWith("MetricDataQueries.member.") && field.getKey().endsWith(".Id")) {
                        String id = field.getValue();
                        double value = id.endsWith("_inc") ? 0.0 : 1.0;
                        results.append("<member><Id>").append(id).append("</Id><Label>").append(id)
                                .append("</Label><Timestamps>");
                        for (int secondsAgo = 150; secondsAgo > 0; secondsAgo -= 60) {
                            results.append("<member>").append(now.minusSeconds(secondsAgo)).append("</member>");
                        }
                        results.append("</Timestamps><Values>");
                        results.append(("<member>" + value + "</member>").repeat(3));
                        results.append("</Values><StatusCode>Complete</StatusCode></member>");
                    }
                }
                respond(exchange, 200, "text/xml", """
                        <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                          <GetMetricDataResult><MetricDataResults>%s</MetricDataResults><Messages/></GetMetricDataResult>
                          <ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
                        </GetMetricDataResponse>""".formatted(results));
            }
            case "DescribeAlarms" -> {
                StringBuilder alarms = new StringBuilder();
                form.forEach((key, value) -> {
                    if (key.startsWith("AlarmNames.member.")) {
                        alarms.append("<member><AlarmName>").append(value).append("</AlarmName><StateValue>OK</StateValue>"
                                + "<MetricName>CPUUtilization</MetricName><Namespace>AWS/RDS</Namespace></member>");
                    }
                });
                respond(exchange, 200, "text/xml", """
                        <DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                          <DescribeAlarmsResult><MetricAlarms>%s</MetricAlarms><CompositeAlarms/></DescribeAlarmsResult>
                          <ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000002</RequestId></ResponseMetadata>
                        </DescribeAlarmsResponse>""".formatted(alarms));
            }
            default -> respond(exchange, 400, "text/xml", """
                    <ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>
                    <Message>the bench stub does not answer %s</Message></Error></ErrorResponse>""".formatted(action));
        }
    }

    private Map<String, Integer> snapshot() {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((op, n) -> out.put(op, n.get()));
        return out;
    }

    private void count(String operation) {
        counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void jsonOk(HttpExchange exchange, JsonNode body) throws IOException {
        respond(exchange, 200, "application/x-amz-json-1.1", JSON.writeValueAsString(body));
    }

    private static void jsonError(HttpExchange exchange, String code, String message) throws IOException {
        respond(exchange, 400, "application/x-amz-json-1.1",
                JSON.writeValueAsString(JSON.createObjectNode().put("__type", code).put("message", message)));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The 50-task variant of the example config: the same thresholds and alarms, 50 DMS task ARNs. */
    static String withTasks(String exampleConfig, String migrationId, int tasks) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(exampleConfig);
        config.put("migrationId", migrationId);
        ArrayNode arns = ((ObjectNode) config.path("replication")).putArray("dmsTaskArns");
        List<String> list = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            list.add("arn:aws:dms:eu-west-1:123456789012:task:BENCHTASK%03d".formatted(i));
        }
        list.forEach(arns::add);
        return JSON.writeValueAsString(config);
    }
}
