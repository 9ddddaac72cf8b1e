package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.handlers.ReadinessPollHandler;
import java.time.Instant;

/**
 * The EventBridge schedule that invokes the ReadinessPoll function every poll interval, for the whole cutover:
 * besides telling the operator when to start, its samples are the evidence the workflow's health checks judge.
 * Answers are noted for the report when their outcome changes.
 */
final class ReadinessSchedule implements AutoCloseable {
    private final ReadinessPollHandler function;
    private final long intervalMillis;
    private final ArrayNode notes;
    private final Thread thread;
    private volatile boolean running = true;
    private ObjectNode last;
    private long polls;

    ReadinessSchedule(ReadinessPollHandler function, long intervalMillis, ArrayNode notes) {
        this.function = function;
        this.intervalMillis = intervalMillis;
        this.notes = notes;
        this.thread = Thread.ofPlatform().daemon().name("eventbridge-schedule").start(this::run);
    }

    private void run() {
        String lastOutcome = null;
        while (running) {
            ObjectNode answer;
            try {
                answer = function.handle(scheduledEvent());
            } catch (RuntimeException e) {
                answer = Json.MAPPER.createObjectNode().put("outcome", "error").put("message", e.getMessage());
            }
            synchronized (this) {
                last = answer;
                polls++;
                String outcome = answer.path("outcome").asText();
                if (!outcome.equals(lastOutcome)) {
                    FencedSwitchCutover.note(notes, "ReadinessPoll (scheduled)", answer);
                    lastOutcome = outcome;
                }
                notifyAll();
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized long polls() {
        return polls;
    }

    /** The answer of the first poll after the {@code seen}-th, or null when the deadline (epoch ms) passes first. */
    synchronized ObjectNode awaitPollAfter(long seen, long deadline) throws InterruptedException {
        while (polls <= seen) {
            long wait = deadline - System.currentTimeMillis();
            if (wait <= 0) {
                return null;
            }
            wait(wait);
        }
        return last;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The schedule's event, as the ReadinessPoll function receives it. */
    static String scheduledEvent() {
        ObjectNode event = EventBridgeEnvelope.of("Scheduled Event", "aws.events", Instant.now(), "events",
                "rule/cutover-rehearsal-readiness");
        event.putObject("detail");
        return Json.write(event);
    }
}
