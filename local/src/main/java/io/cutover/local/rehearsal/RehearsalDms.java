package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.aws.DmsCloudWatchProbe;
import io.cutover.core.json.Json;
import io.cutover.handlers.ReadinessPollHandler;
import io.cutover.local.dms.DmsStandIn;
import io.cutover.local.dms.StandInAws;
import io.cutover.local.dms.StandInSettings;
import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The DMS side of a {@code --replication dms} rehearsal: once the servers' initial copy is done, native replication
 * ends and the DMS stand-in takes over from a slot of its own, running the task settings the CDK app deploys
 * (or the file given), with DMS and CloudWatch timings divided by the rehearsal's speed like every other duration.
 * The handlers reach it only through the production {@link DmsCloudWatchProbe} on SDK clients.
 */
final class RehearsalDms implements AutoCloseable {
    private final DmsStandIn task;
    private final StandInAws aws;
    private final ArrayNode events = Json.MAPPER.createArrayNode();

    private RehearsalDms(DmsStandIn task, StandInAws aws) {
        this.task = task;
        this.aws = aws;
    }

    /** @return null for native replication */
    static RehearsalDms startIf(RehearsalOptions options, RehearsalServers servers, Consumer<String> say) {
        RehearsalReplication replication = options.replication();
        if (!replication.isDms()) {
            return null;
        }
        servers.dropNativeSubscription();
        EmbeddedReplicatedPair pair = servers.pair();
        double speed = options.speed();
        StandInSettings settings = StandInSettings.of(pair.source().jdbcUrl(EmbeddedReplicatedPair.DATABASE),
                        pair.target().jdbcUrl(EmbeddedReplicatedPair.DATABASE), EmbeddedPostgresServer.SUPERUSER,
                        servers.schemas())
                .withTask(replication.taskSettings())
                .withApplyDelay(replication.applyDelay())
                .compressedBy(speed, Duration.ofMillis(Math.max(50, Math.round(1000 / speed))));
        DmsStandIn task = DmsStandIn.start(settings);
        try {
            StandInAws aws = new StandInAws(task);
            say.accept("DMS stand-in: task " + settings.taskArn() + " in CDC from its own slot " + settings.slotName()
                    + "; DMS and CloudWatch at " + aws.api().endpoint() + " (metric period "
                    + settings.metricPeriod().toMillis() + " ms = one minute at speed x" + speed + ")");
            return new RehearsalDms(task, aws);
        } catch (RuntimeException e) {
            task.close();
            throw e;
        }
    }

    String taskArn() {
        return task.settings().taskArn();
    }

    DmsCloudWatchProbe probe() {
        return aws.probe();
    }

    DmsStandIn task() {
        return task;
    }

    /** Waits until the task applied everything the source had committed when the wait began. */
    boolean awaitCaughtUp(Duration timeout) {
        return task.awaitCaughtUp(timeout);
    }

    /**
     * Delivers the task's state-change events to the ReadinessPoll function, as the stack's EventBridge rule does,
     * and keeps each with the function's answer for the report.
     */
    void routeEventsTo(ReadinessPollHandler function) {
        task.onEvent(event -> {
            ObjectNode entry = Json.MAPPER.createObjectNode();
            entry.put("at", event.path("time").asText());
            entry.put("eventType", event.path("detail").path("eventType").asText());
            try {
                ObjectNode answer = function.handle(Json.write(event));
                entry.put("outcome", answer.path("outcome").asText());
                entry.put("message", answer.path("message").asText());
            } catch (RuntimeException e) {
                entry.put("outcome", "error");
                entry.put("message", String.valueOf(e.getMessage()));
            }
            synchronized (events) {
                events.add(entry);
            }
        });
    }

    /** The task at the end of the run: its status, why it stopped, and any problem the stand-in itself hit. */
    ObjectNode report() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("taskArn", taskArn());
        node.put("status", task.status());
        node.put("stopReason", task.stopReason());
        node.put("endpoint", aws.api().endpoint().toString());
        node.put("metricPeriodMs", task.settings().metricPeriod().toMillis());
        node.put("ingestionDelayMs", task.settings().ingestionDelay().toMillis());
        node.put("applyDelayMs", task.settings().applyDelay().toMillis());
        node.set("taskSettings", Json.parseTree(task.settings().task().toJson(), "task settings"));
        node.set("errors", Json.MAPPER.valueToTree(task.errors()));
        synchronized (events) {
            node.set("events", events.deepCopy());
        }
        return node;
    }

    @Override
    public void close() {
        aws.close();
        task.close();
    }
}
