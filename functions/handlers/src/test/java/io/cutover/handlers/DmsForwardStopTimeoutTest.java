package io.cutover.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.handlers.errors.ReverseReplicationRefusedException;
import io.cutover.handlers.app.DmsReverseReplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmsForwardStopTimeoutTest {
    /** A task that DMS keeps reporting as stopping, as a task with a long apply queue does. */
    private static final class NeverStops implements ReplicationTaskControl {
        final List<String> stopped = new ArrayList<>();

        @Override
        public String stop(String taskArn) {
            stopped.add(taskArn);
            return "stopping";
        }

        @Override
        public String status(String taskArn) {
            return stopped.contains(taskArn) ? "stopping" : "running";
        }

        @Override
        public String startCdc(String taskArn, String cdcStartPosition) {
            throw new AssertionError("no start expected");
        }

        @Override
        public String resume(String taskArn) {
            throw new AssertionError("no resume expected");
        }
    }

    @Test
    void aForwardTaskThatDoesNotStop_isGivenUpOnAfterTheDrainTimeout_withTheSourceStillFenced() {
        ObjectNode json = (ObjectNode) Json.parseTree(RepoFiles.read("config/example.json"), "example");
        json.put("drainTimeoutSeconds", 1);
        CutoverConfig config = CutoverConfigParser.parse(Json.write(json));
        NeverStops dms = new NeverStops();
        long started = System.nanoTime();

        assertThatThrownBy(() -> new DmsReverseReplication(dms).stopForward(config))
                .isInstanceOf(ReverseReplicationRefusedException.class)
                .hasMessageContaining("is still stopping 1 s after StopReplicationTask (drainTimeoutSeconds)");
        assertThat(dms.stopped).containsExactlyElementsOf(config.replication().dmsTaskArns());
        // bounded by the configured second, not a fixed two minutes (the test would take that long)
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(30_000);
    }
}
