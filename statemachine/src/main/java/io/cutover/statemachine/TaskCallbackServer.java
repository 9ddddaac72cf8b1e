package io.cutover.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The loopback HTTP endpoint run-workflow.mjs calls: {@code POST /task} for every Task state (answered by the
 * {@link TaskDispatcher}) and {@code POST /wait} for every Wait state (answered by the {@link WaitPolicy}).
 */
final class TaskCallbackServer implements AutoCloseable {
    /** Node's timers cannot pause longer than 2^31-1 ms (they fire at once instead). */
    private static final long LONGEST_NODE_PAUSE_MILLIS = Integer.MAX_VALUE;

    private final TaskDispatcher dispatcher;
    private final WaitPolicy waits;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<WaitRecord> waitRecords = new ArrayList<>();
    private final AtomicReference<Throwable> crash = new AtomicReference<>();

    private TaskCallbackServer(TaskDispatcher dispatcher, WaitPolicy waits) throws IOException {
        this.dispatcher = dispatcher;
        this.waits = waits;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/task", exchange -> answer(exchange, this::task));
        server.createContext("/wait", exchange -> answer(exchange, this::pause));
    }

    static TaskCallbackServer start(TaskDispatcher dispatcher, WaitPolicy waits) throws IOException {
        TaskCallbackServer callbacks = new TaskCallbackServer(dispatcher, waits);
        callbacks.server.start();
        return callbacks;
    }

    URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    synchronized List<WaitRecord> waits() {
        return List.copyOf(waitRecords);
    }

    /**
     * What broke the run itself, or null: an {@link Error} from the dispatcher (e.g. a failed assertion in a test
     * script), any exception from the wait policy, or a request node should never have sent.
     */
    Throwable crash() {
        return crash.get();
    }

    @Override
    public void close() {
        server.stop(0);
        // A dispatcher stuck past the run's deadline must not hold the caller: abandon it.
        executor.shutdownNow();
    }

    private JsonNode task(JsonNode request) {
        String state = request.path("state").asText();
        String resource = request.path("resource").asText();
        JsonNode input = request.path("input");
        ObjectNode reply = Jackson.MAPPER.createObjectNode();
        try {
            JsonNode output = dispatcher.dispatch(state, resource, input);
            reply.set("output", output == null ? NullNode.getInstance() : output);
        } catch (RuntimeException failure) {
            TaskError error = TaskError.of(failure);
            reply.put("error", error.error());
            reply.put("cause", error.cause());
        }
        return reply;
    }

    private JsonNode pause(JsonNode request) {
        String state = request.path("state").asText();
        double requested = request.path("requestedSeconds").asDouble();
        Duration applied = waits.pauseFor(state, requested);
        if (applied.isNegative()) {
            throw new IllegalStateException("wait policy returned a negative pause " + applied + " for " + state);
        }
        long millis = Math.min(applied.toMillis(), LONGEST_NODE_PAUSE_MILLIS);
        synchronized (this) {
            waitRecords.add(new WaitRecord(state, requested, Duration.ofMillis(millis)));
        }
        return Jackson.MAPPER.createObjectNode().put("millis", millis);
    }

    private void answer(HttpExchange exchange, Function<JsonNode, JsonNode> handler) throws IOException {
        try (exchange) {
            int status;
            byte[] body;
            try {
                JsonNode request = Jackson.MAPPER.readTree(exchange.getRequestBody());
                body = Jackson.MAPPER.writeValueAsBytes(handler.apply(request));
                status = 200;
            } catch (Throwable broken) {
                crash.compareAndSet(null, broken);
                body = ("local runner: " + broken).getBytes(StandardCharsets.UTF_8);
                status = 500;
            }
            exchange.getResponseHeaders().set("content-type", status == 200 ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
