package io.cutover.local.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The stand-in's tasks behind the two AWS APIs the cutover reads, on one local HTTP endpoint (an SDK endpoint
 * override): DMS over JSON 1.1 ({@code X-Amz-Target: AmazonDMSv20160101.*}: DescribeReplicationTasks,
 * DescribeReplicationInstances, DescribeTableStatistics, StopReplicationTask, StartReplicationTask) and CloudWatch
 * over the Query
 * protocol ({@code Action=GetMetricData}, XML answer), with AWS's error shapes, so the real
 * {@code DmsCloudWatchProbe} and SDK clients run unchanged against it.
 *
 * <p>A GetMetricData period of 60 s is one of the task's metric periods: one minute at AWS timings, one
 * compressed minute in a rehearsal, which divides every duration by its speed.
 */
public final class DmsApi implements AutoCloseable {
    private static final String DMS_TARGET_PREFIX = "AmazonDMSv20160101.";
    private static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final String CW_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private final HttpServer server;
    private final Map<String, DmsStandIn> tasks = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private DmsApi(HttpServer server) {
        this.server = server;
    }

    public static DmsApi start(DmsStandIn... tasks) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DmsApi api = new DmsApi(server);
            for (DmsStandIn task : tasks) {
                api.tasks.put(task.settings().taskArn(), task);
            }
            server.createContext("/", api::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "dms-api");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("DMS stand-in: cannot open its HTTP endpoint: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The operations called so far, in order ({@code dms:StopReplicationTask}, {@code cloudwatch:GetMetricData}). */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && target.startsWith(DMS_TARGET_PREFIX)) {
                String operation = target.substring(DMS_TARGET_PREFIX.length());
                calls.add("dms:" + operation);
                dms(exchange, operation, body);
            } else {
                Map<String, String> form = form(body);
                calls.add("cloudwatch:" + form.get("Action"));
                cloudWatch(exchange, form);
            }
        }
    }

    // ---- DMS, JSON 1.1 -------------------------------------------------------------------------------------

    private void dms(HttpExchange exchange, String operation, String body) throws IOException {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            jsonError(exchange, "SerializationException", "the request body is not JSON");
            return;
        }
        switch (operation) {
            case "DescribeReplicationTasks" -> describeTasks(exchange, request);
            case "DescribeReplicationInstances" -> describeInstances(exchange, request);
            case "DescribeTableStatistics" -> tableStatistics(exchange, request);
            case "StopReplicationTask" -> stop(exchange, request);
            case "StartReplicationTask" -> start(exchange, request);
            default -> jsonError(exchange, "UnknownOperationException", "the stand-in does not serve " + operation);
        }
    }

    private void describeTasks(HttpExchange exchange, JsonNode request) throws IOException {
        Map<String, Set<String>> filters = filters(request);
        for (String name : filters.keySet()) {
            if (!Set.of("replication-task-arn", "replication-instance-arn", "replication-task-id").contains(name)) {
                jsonError(exchange, "InvalidParameterValueException", "unsupported filter " + name);
                return;
            }
        }
        if (!maxRecordsIn(request, 20, 100)) {
            jsonError(exchange, "InvalidParameterValueException", "MaxRecords must be between 20 and 100");
            return;
        }
        boolean withoutSettings = request.path("WithoutSettings").asBoolean(false);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("ReplicationTasks");
        for (DmsStandIn task : tasks.values()) {
            StandInSettings s = task.settings();
            if (matches(filters, "replication-task-arn", s.taskArn())
                    && matches(filters, "replication-instance-arn", s.instanceArn())
                    && matches(filters, "replication-task-id", DmsTaskArn.resourceId(s.taskArn()))) {
                list.add(task(task, withoutSettings));
            }
        }
        if (list.isEmpty()) {
            // DMS answers a filter that matches nothing with ResourceNotFoundFault, not an empty list.
            jsonError(exchange, "ResourceNotFoundFault", "No Tasks found matching provided filters");
            return;
        }
        json(exchange, 200, answer);
    }

    private ObjectNode task(DmsStandIn task, boolean withoutSettings) {
        StandInSettings s = task.settings();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("ReplicationTaskIdentifier", "rehearsal-" + DmsTaskArn.resourceId(s.taskArn()).toLowerCase());
        node.put("ReplicationTaskArn", s.taskArn());
        node.put("ReplicationInstanceArn", s.instanceArn());
        node.put("MigrationType", task.migrationType());
        node.put("Status", task.status());
        if (task.stopReason() != null) {
            node.put("StopReason", task.stopReason());
        }
        if (!withoutSettings) {
            node.put("ReplicationTaskSettings", s.task().toJson());
        }
        long errored = task.tableStats().values().stream().filter(t -> t.error).count();
        ObjectNode stats = node.putObject("ReplicationTaskStats");
        stats.put("FullLoadProgressPercent", 100);
        stats.put("TablesLoaded", task.tableStats().size() - errored);
        stats.put("TablesLoading", 0);
        stats.put("TablesQueued", 0);
        stats.put("TablesErrored", errored);
        return node;
    }

    private void describeInstances(HttpExchange exchange, JsonNode request) throws IOException {
        Map<String, Set<String>> filters = filters(request);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("ReplicationInstances");
        Map<String, String> instances = new TreeMap<>();
        tasks.values().forEach(t -> instances.put(t.settings().instanceArn(), t.settings().instanceName()));
        instances.forEach((arn, name) -> {
            if (matches(filters, "replication-instance-arn", arn) && matches(filters, "replication-instance-id", name)) {
                list.addObject().put("ReplicationInstanceArn", arn).put("ReplicationInstanceIdentifier", name)
                        .put("ReplicationInstanceClass", "dms.r5.large").put("ReplicationInstanceStatus", "available");
            }
        });
        if (list.isEmpty()) {
            jsonError(exchange, "ResourceNotFoundFault", "No Replication Instances found matching provided filters");
            return;
        }
        json(exchange, 200, answer);
    }

    private void tableStatistics(HttpExchange exchange, JsonNode request) throws IOException {
        DmsStandIn task = taskNamed(exchange, request);
        if (task == null) {
            return;
        }
        if (!maxRecordsIn(request, 10, 500)) {
            jsonError(exchange, "InvalidParameterValueException", "MaxRecords must be between 10 and 500");
            return;
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("ReplicationTaskArn", task.settings().taskArn());
        ArrayNode list = answer.putArray("TableStatistics");
        task.tableStats().entrySet().stream().sorted(Map.Entry.comparingByKey(
                java.util.Comparator.comparing(TestDecoding.TableName::toString))).forEach(e -> {
                    DmsStandIn.TableStats t = e.getValue();
                    ObjectNode row = list.addObject();
                    row.put("SchemaName", e.getKey().schema());
                    row.put("TableName", e.getKey().name());
                    synchronized (t) {
                        row.put("Inserts", t.inserts).put("Updates", t.updates).put("Deletes", t.deletes)
                                .put("Ddls", 0).put("FullLoadRows", 0);
                        row.put("TableState", t.error ? "Table error" : "Table completed");
                        row.put("ValidationState", t.validationFailed > 0 ? "Mismatched records"
                                : t.validationSuspended > 0 ? "Suspended records" : "Validated");
                        row.put("ValidationFailedRecords", t.validationFailed);
                        row.put("ValidationSuspendedRecords", t.validationSuspended);
                        row.put("ValidationPendingRecords", 0);
                    }
                });
        json(exchange, 200, answer);
    }

    private void stop(HttpExchange exchange, JsonNode request) throws IOException {
        DmsStandIn task = taskNamed(exchange, request);
        if (task == null) {
            return;
        }
        try {
            task.stop();
        } catch (IllegalStateException e) {
            jsonError(exchange, "InvalidResourceStateFault", "Replication task is not running (status "
                    + e.getMessage() + ")");
            return;
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("ReplicationTask", task(task, true));
        json(exchange, 200, answer);
    }

    /**
     * StartReplicationTask: {@code StartReplicationTaskType} is required; CdcStartPosition and CdcStartTime exclude
     * each other ("Specifying both values results in an error"); a task that is not ready, stopped or failed is
     * refused with InvalidResourceStateFault (DMS API Reference, StartReplicationTask).
     */
    private void start(HttpExchange exchange, JsonNode request) throws IOException {
        DmsStandIn task = taskNamed(exchange, request);
        if (task == null) {
            return;
        }
        String type = request.path("StartReplicationTaskType").asText("");
        if (type.isEmpty()) {
            jsonError(exchange, "InvalidParameterValueException", "StartReplicationTaskType is required");
            return;
        }
        if (request.has("CdcStartPosition") && request.has("CdcStartTime")) {
            jsonError(exchange, "InvalidParameterCombinationException",
                    "Specify either CdcStartPosition or CdcStartTime, not both");
            return;
        }
        try {
            task.startReplication(type, request.hasNonNull("CdcStartPosition")
                    ? request.path("CdcStartPosition").asText() : null);
        } catch (IllegalStateException e) {
            jsonError(exchange, "InvalidResourceStateFault", "Replication task is currently in " + e.getMessage()
                    + " state and cannot be started");
            return;
        } catch (IllegalArgumentException e) {
            jsonError(exchange, "InvalidParameterValueException", e.getMessage());
            return;
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("ReplicationTask", task(task, true));
        json(exchange, 200, answer);
    }

    /** The task the request's ReplicationTaskArn names; null once ResourceNotFoundFault is answered. */
    private DmsStandIn taskNamed(HttpExchange exchange, JsonNode request) throws IOException {
        DmsStandIn task = tasks.get(request.path("ReplicationTaskArn").asText(""));
        if (task == null) {
            jsonError(exchange, "ResourceNotFoundFault", "Replication Task not found");
        }
        return task;
    }

    private static Map<String, Set<String>> filters(JsonNode request) {
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        for (JsonNode f : request.path("Filters")) {
            Set<String> values = new java.util.HashSet<>();
            f.path("Values").forEach(v -> values.add(v.asText()));
            filters.put(f.path("Name").asText(), values);
        }
        return filters;
    }

    private static boolean matches(Map<String, Set<String>> filters, String name, String value) {
        Set<String> values = filters.get(name);
        return values == null || values.contains(value);
    }

    private static boolean maxRecordsIn(JsonNode request, int min, int max) {
        JsonNode n = request.path("MaxRecords");
        return n.isMissingNode() || (n.asInt() >= min && n.asInt() <= max);
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, JSON_TYPE, Json.write(body));
    }

    private static void jsonError(HttpExchange exchange, String code, String message) throws IOException {
        ObjectNode error = Json.MAPPER.createObjectNode().put("__type", code).put("message", message);
        send(exchange, 400, JSON_TYPE, Json.write(error));
    }

    // ---- CloudWatch, Query protocol ------------------------------------------------------------------------

    private void cloudWatch(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (!"GetMetricData".equals(form.get("Action"))) {
            xmlError(exchange, "InvalidAction", "the stand-in serves GetMetricData only, not " + form.get("Action"));
            return;
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(form.get("StartTime"));
            end = Instant.parse(form.get("EndTime"));
        } catch (RuntimeException e) {
            xmlError(exchange, "InvalidParameterValue", "StartTime and EndTime must be ISO-8601 timestamps");
            return;
        }
        Instant now = Instant.now();
        boolean descending = "TimestampDescending".equals(form.get("ScanBy"));
        StringBuilder results = new StringBuilder();
        for (int i = 1; form.containsKey("MetricDataQueries.member." + i + ".Id"); i++) {
            String q = "MetricDataQueries.member." + i + ".";
            String id = form.get(q + "Id");
            String stat = form.get(q + "MetricStat.Stat");
            int period = Integer.parseInt(form.getOrDefault(q + "MetricStat.Period", "0"));
            if (period < 60 || period % 60 != 0) {
                xmlError(exchange, "InvalidParameterValue", "The parameter MetricDataQueries.member." + i
                        + ".MetricStat.Period must be a multiple of 60 for DMS metrics");
                return;
            }
            String metric = form.get(q + "MetricStat.Metric.MetricName");
            Map<String, String> dims = new LinkedHashMap<>();
            for (int d = 1; form.containsKey(q + "MetricStat.Metric.Dimensions.member." + d + ".Name"); d++) {
                dims.put(form.get(q + "MetricStat.Metric.Dimensions.member." + d + ".Name"),
                        form.get(q + "MetricStat.Metric.Dimensions.member." + d + ".Value"));
            }
            List<MetricStore.Datapoint> points = new ArrayList<>();
            if ("AWS/DMS".equals(form.get(q + "MetricStat.Metric.Namespace"))) {
                for (DmsStandIn task : tasks.values()) {
                    StandInSettings s = task.settings();
                    if (s.instanceName().equals(dims.get("ReplicationInstanceIdentifier"))
                            && DmsTaskArn.resourceId(s.taskArn()).equals(dims.get("ReplicationTaskIdentifier"))
                            && dims.size() == 2) {
                        points = aggregate(task.metrics(), metric, stat, start, end, now, period / 60);
                    }
                }
            }
            if (descending) {
                Collections.reverse(points);
            }
            StringBuilder ts = new StringBuilder();
            StringBuilder vs = new StringBuilder();
            for (MetricStore.Datapoint p : points) {
                ts.append("<member>").append(p.at()).append("</member>");
                vs.append("<member>").append(p.value()).append("</member>");
            }
            results.append("<member><Id>").append(xml(id)).append("</Id><Label>").append(xml(metric))
                    .append("</Label><Timestamps>").append(ts).append("</Timestamps><Values>").append(vs)
                    .append("</Values><StatusCode>Complete</StatusCode></member>");
        }
        send(exchange, 200, "text/xml", "<GetMetricDataResponse xmlns=\"" + CW_NS + "\"><GetMetricDataResult>"
                + "<MetricDataResults>" + results + "</MetricDataResults><Messages/></GetMetricDataResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</GetMetricDataResponse>");
    }

    /** Datapoints over {@code minutes} of the task's periods each (the worst of them for Maximum, and so on). */
    private static List<MetricStore.Datapoint> aggregate(MetricStore store, String metric, String stat, Instant start,
                                                         Instant end, Instant now, int minutes) {
        List<MetricStore.Datapoint> points = store.query(metric, stat, start, end, now);
        if (minutes == 1) {
            return points;
        }
        Duration bucket = store.period().multipliedBy(minutes);
        Map<Instant, List<Double>> grouped = new TreeMap<>();
        for (MetricStore.Datapoint p : points) {
            long b = bucket.toMillis();
            grouped.computeIfAbsent(Instant.ofEpochMilli(Math.floorDiv(p.at().toEpochMilli(), b) * b),
                    k -> new ArrayList<>()).add(p.value());
        }
        List<MetricStore.Datapoint> out = new ArrayList<>();
        grouped.forEach((at, values) -> out.add(new MetricStore.Datapoint(at, switch (stat) {
            case "Minimum" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            case "Sum", "SampleCount" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "Average" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            default -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        })));
        return out;
    }

    private static void xmlError(HttpExchange exchange, String code, String message) throws IOException {
        send(exchange, 400, "text/xml", "<ErrorResponse xmlns=\"" + CW_NS + "\"><Error><Type>Sender</Type><Code>"
                + code + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>");
    }

    private static String xml(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
