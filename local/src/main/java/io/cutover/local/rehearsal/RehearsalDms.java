package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.aws.DmsCloudWatchProbe;
import io.cutover.core.json.Json;
import io.cutover.core.port.db.ReverseReplicationRequest;
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
    private final DmsStandIn reverse;
    private final StandInAws aws;
    private final ArrayNode events = Json.MAPPER.createArrayNode();

    private RehearsalDms(DmsStandIn task, DmsStandIn reverse, StandInAws aws) {
        this.task = task;
        this.reverse = reverse;
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
        // The reverse task (issue 18), provisioned stopped as the CDK app does: the switch starts it from the slot
        // the cutover creates on the target, at the position captured after the forward task stopped.
        DmsStandIn reverse = DmsStandIn.provision(settings.reversed(StandInSettings.REVERSE_TASK_ARN,
                ReverseReplicationRequest.objectName(RehearsalConfig.MIGRATION_ID)), e -> { });
        try {
            StandInAws aws = new StandInAws(task, reverse);
            say.accept("DMS stand-in: task " + settings.taskArn() + " in CDC from its own slot " + settings.slotName()
                    + ", reverse task " + reverse.settings().taskArn() + " provisioned (" + reverse.status()
                    + "); DMS and CloudWatch at " + aws.api().endpoint() + " (metric period "
                    + settings.metricPeriod().toMillis() + " ms = one minute at speed x" + speed + ")");
            return new RehearsalDms(task, reverse, aws);
        } catch (RuntimeException e) {
            task.close();
            reverse.close();
            throw e;
        }
    }

    String taskArn() {
        return task.settings().taskArn();
    }

    String reverseTaskArn() {
        return reverse.settings().taskArn();
    }

    /** Waits until the reverse task applied everything the target had committed when the wait began. */
    boolean awaitReverseCaughtUp(Duration timeout) {
        return reverse.awaitCaughtUp(timeout);
    }

    DmsCloudWatchProbe probe() {
        return aws.probe();
    }

    DmsStandIn task() {
        return task;
    }

    /** The reverse task (target to source), provisioned stopped until the switch starts it. */
    DmsStandIn reverseTask() {
        return reverse;
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
        ObjectNode reverseTask = node.putObject("reverseTask");
        reverseTask.put("taskArn", reverseTaskArn());
        reverseTask.put("status", reverse.status());
        reverseTask.put("stopReason", reverse.stopReason());
        reverseTask.put("slot", reverse.settings().slotName());
        reverseTask.set("errors", Json.MAPPER.valueToTree(reverse.errors()));
        synchronized (events) {
            node.set("events", events.deepCopy());
        }
        return node;
    }

    @Override
    public void close() {
        aws.close();
        reverse.close();
        task.close();
    }
}
