package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.cutover.aws.testing.IamCalls;
import io.cutover.cdk.construct.WeightedRecords;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs CDK's own AwsCustomResource handler (the JavaScript aws-cdk-lib deploys as the pair's Lambda function) in node,
 * with the AWS SDK v3 Route 53 client Lambda's runtime provides, against a Route 53 stub: a Create event carrying the
 * synthesized Create call sends exactly one ChangeResourceRecordSets batch of two CREATEs; an Update event, as a stack
 * update with a changed config sends it, sends nothing and keeps the physical id, so CloudFormation neither rewrites
 * nor replaces the records. Needs {@code install_node_tools} (infra-cdk/src/test/node).
 */
class WeightedRecordsHandlerIT {
    private static final Path NODE_DIR = TestPaths.module().resolve("src/test/node");
    private static final String CHANGE_INFO = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ChangeResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
              <ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id><Status>PENDING</Status>
                <SubmittedAt>2026-03-10T01:36:41.958Z</SubmittedAt></ChangeInfo>
            </ChangeResourceRecordSetsResponse>""";

    /** The principal the simulation evaluates these calls as: the role of CDK's AwsCustomResource function. */
    static final String IAM_PRINCIPAL = "WeightedRecordPair";
    /** Where the pairs' creates are recorded for the iam-simulation module (as IamCallPathsIT does the functions'). */
    static final Path IAM_CALLS = TestPaths.module().resolve("target/iam-calls/" + IAM_PRINCIPAL + ".jsonl");

    /** One request as the stub received it. */
    private record Route53Request(String method, String path, String authorization, String body) {
        String text() {
            return method + " " + path + "\n" + body;
        }
    }

    private final List<Route53Request> received = new CopyOnWriteArrayList<>();
    private HttpServer route53;

    @BeforeEach
    void startRoute53Stub() throws IOException {
        route53 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        route53.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new Route53Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            byte[] answer = CHANGE_INFO.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        route53.start();
    }

    @AfterEach
    void stopRoute53Stub() {
        route53.stop(0);
    }

    @Test
    void create_sendsOneBatchOfTwoCreates_allOnTheSource() throws Exception {
        JsonNode createCall = writerCreateCall(TemplateJson.of(Synthesized.example().control()));

        JsonNode response = runHandler(event("Create", createCall, null));

        assertThat(response.path("Status").asText()).as(response.toString()).isEqualTo("SUCCESS");
        assertThat(received).hasSize(1);
        String batch = received.getFirst().text();
        assertThat(batch).startsWith("POST /2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ/rrset");
        assertThat(batch.split("<Action>", -1)).hasSize(3);
        assertThat(batch).contains("<Action>CREATE</Action>").doesNotContain("UPSERT", "DELETE")
                .contains("<SetIdentifier>source</SetIdentifier><Weight>100</Weight><TTL>30</TTL>")
                .contains("<SetIdentifier>aurora</SetIdentifier><Weight>0</Weight><TTL>30</TTL>");
        assertThat(response.path("PhysicalResourceId").asText())
                .isEqualTo(createCall.path("physicalResourceId").path("id").asText());
    }

    @Test
    void update_withAChangedConfig_sendsNothing_andKeepsThePhysicalId() throws Exception {
        // GIVEN the pair's properties after a config change (TTL 300): what CloudFormation sends with an Update
        JsonNode changed = writerCreateCall(TemplateJson.of(Synthesized.of(WeightedRecordsIT.CHANGED).control()));
        assertThat(changed.toString()).contains("\"TTL\":300");
        String physicalId = writerCreateCall(TemplateJson.of(Synthesized.example().control()))
                .path("physicalResourceId").path("id").asText();

        // WHEN the handler runs the Update
        JsonNode response = runHandler(event("Update", changed, physicalId));

        // THEN it succeeded without a single Route 53 request, under the same physical id (no replacement)
        assertThat(response.path("Status").asText()).as(response.toString()).isEqualTo("SUCCESS");
        assertThat(received).isEmpty();
        assertThat(response.path("PhysicalResourceId").asText()).isEqualTo(physicalId);
    }

    @Test
    void create_ofEveryPairInEveryIamVariant_isRecordedForTheSimulation() throws Exception {
        // GIVEN every pair of every variant the simulation evaluates; pairs with the same Create call run once
        Map<String, List<Route53Request>> sentFor = new HashMap<>();
        List<IamCalls.Call> calls = new ArrayList<>();
        for (Map.Entry<String, Supplier<Path>> variant : IamTemplatesIT.variants().entrySet()) {
            TemplateJson control = TemplateJson.of(Synthesized.of(variant.getValue().get()).control());
            for (Map.Entry<String, JsonNode> pair : control.resources(WeightedRecords.RESOURCE_TYPE).entrySet()) {
                JsonNode createCall = WeightedRecordsIT.sdkCall(pair.getValue().path("Properties").path("Create"));
                // WHEN the handler runs its Create
                List<Route53Request> sent = sentFor.computeIfAbsent(createCall.toString(), c -> created(createCall));
                for (Route53Request request : sent) {
                    calls.add(IamCalls.ofRoute53(IAM_PRINCIPAL, variant.getKey() + " " + pair.getKey() + " Create",
                            request.authorization(), request.method(), request.path(), request.body()));
                }
            }
        }

        // THEN each create is one batch of CREATEs, recorded with the keys IAM sees
        assertThat(calls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.operation()).isEqualTo("ChangeResourceRecordSets");
            assertThat(call.context().get("route53:ChangeResourceRecordSetsActions")).containsExactly("CREATE");
        });
        Files.deleteIfExists(IAM_CALLS);
        IamCalls.appendCalls(IAM_CALLS, calls);
    }

    /** What the handler sent Route 53 for one Create (it must succeed). */
    private List<Route53Request> created(JsonNode createCall) {
        received.clear();
        try {
            JsonNode response = runHandler(event("Create", createCall, null));
            assertThat(response.path("Status").asText()).as(response.toString()).isEqualTo("SUCCESS");
        } catch (Exception e) {
            throw new AssertionError("the Create handler did not run", e);
        }
        assertThat(received).as("one batch per pair").hasSize(1);
        return List.copyOf(received);
    }

    /** The writer pair's Create call, with the Aurora endpoint reference read as a placeholder host. */
    private static JsonNode writerCreateCall(TemplateJson template) {
        return template.resources(WeightedRecords.RESOURCE_TYPE).values().stream()
                .map(pair -> WeightedRecordsIT.sdkCall(pair.path("Properties").path("Create")))
                .filter(c -> c.toString().contains("\"db.orders.internal.example.com\"")).findFirst().orElseThrow();
    }

    private static ObjectNode event(String requestType, JsonNode createCall, String physicalId) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("RequestType", requestType);
        event.put("ResponseURL", "https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/x");
        event.put("StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/cutover-orders-db-control/1");
        event.put("RequestId", "7bfe2d54-710d-4f3e-8f1a-8d0b1b4c3a5e");
        event.put("LogicalResourceId", "RecordsOrdersWriter");
        event.put("ResourceType", WeightedRecords.RESOURCE_TYPE);
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        ObjectNode properties = event.putObject("ResourceProperties");
        properties.put("ServiceToken", "arn:aws:lambda:eu-west-1:123456789012:function:provider");
        properties.put("InstallLatestAwsSdk", "false");
        // CloudFormation passes the property as the string the template holds.
        properties.put("Create", Json.write(createCall));
        return event;
    }

    /** The response the handler sends CloudFormation. */
    private JsonNode runHandler(ObjectNode event) throws Exception {
        Path nodeModules = NODE_DIR.resolve("node_modules");
        assertThat(nodeModules.resolve("@aws-sdk/client-route-53")).as("run install_node_tools (scripts/lib.sh)")
                .isDirectory();
        Path eventFile = Files.createTempFile("custom-resource-event", ".json");
        Files.writeString(eventFile, Json.write(event));
        ProcessBuilder builder = new ProcessBuilder(node(), NODE_DIR.resolve("run-custom-resource-handler.js")
                .toString(), handlerJs().toString(), eventFile.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("NODE_PATH", nodeModules.toString());
        env.put("AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:" + route53.getAddress().getPort());
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_REGION", "eu-west-1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String marker = "CLOUDFORMATION-RESPONSE ";
        String line = output.lines().filter(l -> l.startsWith(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no response to CloudFormation in:\n" + output));
        return Json.MAPPER.readTree(line.substring(marker.length()));
    }

    private static String node() {
        String configured = System.getenv("JSII_NODE");
        return configured == null || configured.isBlank() ? "node" : configured;
    }

    /**
     * aws-cdk-lib's handler, as jsii unpacked it for the synthesis above (its package cache; CDK bundles the handler
     * it deploys under custom-resource-handlers/).
     */
    private static Path handlerJs() throws IOException {
        Synthesized.example();
        String root = System.getenv("JSII_RUNTIME_PACKAGE_CACHE_ROOT");
        Path cache = root == null ? Path.of(System.getProperty("user.home"), ".cache/aws/jsii/package-cache")
                : Path.of(root);
        Path relative = Path.of("custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js");
        try (Stream<Path> versions = Files.list(cache.resolve("aws-cdk-lib"))) {
            return versions.flatMap(WeightedRecordsHandlerIT::children).map(d -> d.resolve(relative))
                    .filter(Files::isRegularFile).max(java.util.Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new AssertionError("no AwsCustomResource handler under " + cache));
        }
    }

    private static Stream<Path> children(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
