package io.cutover.statemachine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The world around the workflow for ASL-level tests: what each workflow task and the SNS topic answer, scripted per
 * test (a plain map from task name to behaviour), with every call recorded in order. Defaults follow the task
 * contract in docs/contracts.md and make a cutover that succeeds after three readiness polls and two watches.
 */
final class ScriptedEnvironment {
    /** One task's scripted behaviour; {@code call} counts this task's calls from 1. */
    @FunctionalInterface
    interface Script {
        JsonNode answer(JsonNode input, int call);
    }

    record Call(String state, String task, JsonNode input) {
        /** "shiftReaders 20", "checkReadiness writer", "notify Cutover completed": what the ordering asserts read. */
        String label() {
            if (input.has("percent")) {
                return task + " " + input.get("percent").asInt();
            }
            if (input.has("gate")) {
                return task + " " + input.get("gate").asText();
            }
            if (input.has("resource")) {
                return task + " " + input.get("resource").asText();
            }
            if (task.equals("notify")) {
                return task + " " + input.path("Subject").asText();
            }
            return task;
        }
    }

    static final String SWITCHED_AT = "2030-01-01T12:00:00Z";
    static final String READER_DEADLINE = "2030-01-01T11:00:00Z";
    static final String WRITER_DEADLINE = "2030-01-01T11:45:00Z";
    static final String RESTORE_DEADLINE = "2030-01-01T20:00:00Z";
    /** Long past when the tests run: WaitForDnsCaches does not wait. */
    static final String CACHES_EXPIRE_AT = "2020-01-01T10:10:00Z";

    private final Map<String, Script> scripts = new HashMap<>();
    private final Map<String, Integer> callCounts = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    ScriptedEnvironment() {
        on("preflight", (input, call) -> json("""
                {"pollSeconds": 60, "bakeSeconds": 300, "readinessDeadline": "%s", "steps": [20, 50, 80, 100],
                 "watchAfterSwitchSeconds": 900, "watchPollSeconds": 30}""".formatted(READER_DEADLINE)));
        on("checkReadiness", (input, call) -> input.get("gate").asText().equals("reader")
                ? readiness(readerChecks() >= 3, false, input, "lag 2 s, stable")
                : readiness(true, false, input, "writer lag 0.4 s"));
        on("recordRollbackPoint", (input, call) -> json("""
                {"at": "2030-01-01T10:05:00Z", "sourcePosition": "0/16B3748"}"""));
        on("lowerRecordTtl", (input, call) -> json("""
                {"configured": true, "cutoverTtlSeconds": 5, "cachesExpireAt": "%s",
                 "groups": [{"group": "orders-writer", "lowered": true, "originalTtl": 300, "reason": "lowered"}]}"""
                .formatted(CACHES_EXPIRE_AT)));
        on("restoreRecordTtl", (input, call) -> json("""
                {"restored": [{"group": "orders-writer", "ttl": 300}]}"""));
        on("shiftReaders", (input, call) -> {
            int percent = input.get("percent").asInt();
            return json("""
                    {"changed": true, "weights": {"orders-reader": {"source": %d, "target": %d}}}"""
                    .formatted(100 - percent, percent));
        });
        on("verifyHealth", (input, call) -> json("""
                {"healthy": true, "summary": "no alarm, lag 1 s"}"""));
        on("precountRows", (input, call) -> json("""
                {"stored": true, "tables": 1, "settledRows": 1200000, "settledDisagreeing": 0}"""));
        on("presyncSequences", (input, call) -> json("""
                {"stored": true, "sequences": 2, "advanced": 2, "fedColumnsRead": 2, "recheckAll": false,
                 "recheck": 0}"""));
        on("prepareReverseReplication", (input, call) -> json("""
                {"prepared": true, "created": ["publication cutover_reverse_orders_db", "slot cutover_reverse_orders_db"]}"""));
        on("snapshotSource", (input, call) -> json("""
                {"snapshot": "orders-pg-before-cutover"}"""));
        on("fenceSource", (input, call) -> json("""
                {"fencedRoles": ["orders_app", "orders_batch"], "fenceLsn": "0/16B3800"}"""));
        on("drain", (input, call) -> json("""
                {"drainMillis": 1200}"""));
        on("syncSequences", (input, call) -> json("""
                {"synced": 2, "advanced": 1, "problems": []}"""));
        on("resetSessionReplicationRole", (input, call) -> json("""
                {"before": "replica", "after": "origin"}"""));
        on("verifyRowCounts", (input, call) -> json("""
                {"tables": 2, "mismatched": []}"""));
        on("checkFence", (input, call) -> json("""
                {"fenceHeld": true, "fenceLsn": "0/16B3800"}"""));
        on("startReverseReplication", (input, call) -> json("""
                {"started": true, "slotStartLsn": "0/16B3900", "created": ["slot cutover_reverse_orders"]}"""));
        on("switchWriter", (input, call) -> json("""
                {"weights": {"orders-writer": {"source": 0, "target": 100}}, "switchedAt": "%s"}"""
                .formatted(SWITCHED_AT)));
        on("stopReplication", (input, call) -> json("""
                {"stopped": ["arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE"]}"""));
        on("watch", (input, call) -> json("""
                {"done": %b}""".formatted(call >= 2)));
        on("complete", (input, call) -> json("""
                {"outcome": "completed"}"""));
        on("rollback", (input, call) -> json("""
                {"weights": {"orders-reader": {"source": 100, "target": 0}}, "unfencedRoles": []}"""));
        on("recover", (input, call) -> json("""
                {"recovery": "none", "restoring": false, "detail": "nothing written to the target"}"""));
        on("checkRestore", (input, call) -> restore(true, false, input.path("resource").asText() + " available"));
        on("createRestoredWriter", (input, call) -> json("""
                {"cluster": "orders-aurora-restored", "writer": "orders-aurora-restored-writer",
                 "instanceClass": "db.r6g.xlarge", "status": "creating", "alreadyExisted": false}"""));
        on("finishRollback", (input, call) -> json("""
                {"outcome": "rolled_back"}"""));
        on("abandon", (input, call) -> json("""
                {"outcome": "not_ready"}"""));
        on("notify", (input, call) -> json("""
                {"MessageId": "00000000-0000-0000-0000-%012d"}""".formatted(call)));
    }

    /** Replaces the behaviour of a task ("notify" is the SNS topic). */
    ScriptedEnvironment on(String task, Script script) {
        scripts.put(task, script);
        return this;
    }

    /** The task's first {@code times} calls fail with {@code error}; later calls answer as before. */
    ScriptedEnvironment failingFirst(String task, int times, String error) {
        Script answer = scripts.get(task);
        return on(task, (input, call) -> {
            if (call <= times) {
                throw new TaskFailedException(error, task + " call " + call + " failed with " + error);
            }
            return answer.answer(input, call);
        });
    }

    TaskDispatcher dispatcher() {
        RoutingTaskDispatcher.Builder routes = RoutingTaskDispatcher.builder();
        for (String task : scripts.keySet()) {
            if (!task.equals("notify")) {
                routes.onTask(task, input -> answer(task, input));
            }
        }
        routes.onResource(LocalResources.SNS_PUBLISH, input -> answer("notify", input));
        RoutingTaskDispatcher routing = routes.build();
        return (state, resource, input) -> {
            String task = input.has("task") ? input.get("task").asText() : "notify";
            synchronized (this) {
                calls.add(new Call(state, task, input));
            }
            return routing.dispatch(state, resource, input);
        };
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<String> labels() {
        return calls.stream().map(Call::label).toList();
    }

    synchronized List<Call> callsOf(String task) {
        return calls.stream().filter(call -> call.task().equals(task)).toList();
    }

    synchronized int indexOf(String label) {
        return labels().indexOf(label);
    }

    private JsonNode answer(String task, JsonNode input) {
        int call;
        synchronized (this) {
            call = callCounts.merge(task, 1, Integer::sum);
        }
        return scripts.get(task).answer(input, call);
    }

    private synchronized long readerChecks() {
        return calls.stream().filter(c -> c.task().equals("checkReadiness")
                && c.input().path("gate").asText().equals("reader")).count();
    }

    /** A checkReadiness verdict that echoes the deadline in force, as the contract says. */
    static JsonNode readiness(boolean ready, boolean deadlinePassed, JsonNode input, String summary) {
        ObjectNode verdict = Jackson.MAPPER.createObjectNode();
        verdict.put("ready", ready);
        verdict.put("deadlinePassed", deadlinePassed);
        verdict.put("summary", summary);
        JsonNode deadline = input.path("deadline");
        verdict.put("deadline", deadline.isTextual() ? deadline.asText() : WRITER_DEADLINE);
        return verdict;
    }

    /** What recover answers once it started a point-in-time restore. */
    static JsonNode restoreStarted() {
        return json("""
                {"recovery": "pitr", "restoring": true, "detail": "restore requested",
                 "cluster": "orders-aurora-restored", "writer": "orders-aurora-restored-writer",
                 "deadline": "%s", "pollSeconds": 120}""".formatted(RESTORE_DEADLINE));
    }

    /** A checkRestore answer. */
    static JsonNode restore(boolean available, boolean deadlinePassed, String summary) {
        ObjectNode look = Jackson.MAPPER.createObjectNode();
        look.put("available", available);
        look.put("deadlinePassed", deadlinePassed);
        look.put("status", available ? "available" : "creating");
        look.put("summary", summary);
        return look;
    }

    static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in a test script: " + text, e);
        }
    }
}
