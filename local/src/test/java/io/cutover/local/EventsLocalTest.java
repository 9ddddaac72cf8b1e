package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.port.cloud.Weights;
import io.cutover.handlers.AlarmRollbackHandler;
import io.cutover.handlers.ReadinessPollHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in events/ through the function its rule routes it to, on local adapters; events/aws-additions/ holds
 * samples carrying fields AWS added to an event kind (a watched alarm with its tags propagated), named alike.
 */
class EventsLocalTest {
    private static final Map<String, Weights> SHIFTED = Map.of("orders-reader", new Weights(50, 50));
    private static final Map<String, Object> SHIFTING_STATE = Map.of("state",
            Map.of("migrationId", "orders-db", "phase", "SHIFTING", "readerPercent", 50));

    static Stream<Path> events() throws IOException {
        Path events = Fixtures.repoRoot().resolve("events");
        return Stream.concat(Files.list(events), Files.list(events.resolve("aws-additions")))
                .filter(p -> p.toString().endsWith(".json")).sorted();
    }

    /** What the readiness function answers for each sample; null = not a readiness event (rejected as invalid). */
    private static String readinessOutcome(String name) {
        if (name.equals("dms-task-foreign.json")) {
            return "ignored";
        }
        if (name.equals("dms-task-failed.json") || name.equals("dms-task-stopped.json")) {
            return "not_ready";
        }
        if (name.startsWith("dms-task-") || name.equals("scheduled.json")) {
            return "ready";
        }
        return "invalid";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void readinessFunction_actsOnlyOnItsOwnEvents(Path event) throws IOException {
        LocalEnvironment env = Fixtures.environment(LocalState.empty());
        String expected = readinessOutcome(event.getFileName().toString());

        ObjectNode answer = new ReadinessPollHandler(env.ports, "orders-db").handle(Files.readString(event));

        assertThat(answer.path("outcome").asText()).isEqualTo(expected);
        if (List.of("ignored", "invalid").contains(expected)) {
            assertThat(env.effects.all()).as("no effect for an event that is not ours").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void alarmFunction_rollsBackOnlyForAWatchedAlarmGoingToAlarm(Path event) throws IOException {
        LocalState shifting = new LocalState(null, SHIFTED, SHIFTING_STATE, null, Map.of(), Map.of(), null);
        String dnsRollback = Fixtures.exampleConfigWith(tree -> tree.putObject("rollback").put("strategy", "dns"));
        LocalEnvironment env = Fixtures.environment(dnsRollback, shifting, LocalInvoker.unreachableDatabases());
        String name = event.getFileName().toString();

        ObjectNode answer = new AlarmRollbackHandler(env.ports, "orders-db").handle(Files.readString(event));

        boolean watchedAlarm = name.matches("alarm-orders-.+-alarm(-with-.+)?\\.json");
        if (watchedAlarm) {
            assertThat(answer.path("outcome").asText()).isEqualTo("rolled_back");
            assertThat(env.records.current("orders-reader")).isEqualTo(Weights.allSource());
        } else {
            assertThat(answer.path("outcome").asText()).isIn("ignored", "invalid");
            assertThat(env.effects.all()).isEmpty();
        }
    }

    @Test
    void aWatchedAlarm_whenNoCutoverIsActive_changesNothing() throws IOException {
        LocalEnvironment env = Fixtures.environment(LocalState.empty());

        ObjectNode answer = new AlarmRollbackHandler(env.ports, "orders-db")
                .handle(Fixtures.read("events/alarm-orders-aurora-cpu-high-alarm.json"));

        assertThat(answer.path("outcome").asText()).isEqualTo("no_op");
        assertThat(env.effects.all()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"SWITCHED", "FALLBACK_OPEN"})
    void aReplicationAlarm_afterTheWriterMoved_isIgnored_andChangesNothing(String phase) throws IOException {
        // GIVEN the writer on the target; the example config lists the DMS CDC latency alarm in replicationAlarms
        Map<String, Object> moved = Map.of("state", Map.of("migrationId", "orders-db", "phase", phase,
                "readerPercent", 100));
        LocalState state = new LocalState(null, Map.of("orders-reader", Weights.allTarget()), moved, null, Map.of(),
                Map.of(), null);
        LocalEnvironment env = Fixtures.environment(state);

        // WHEN that alarm goes to ALARM (forward replication stopped at the switch; a late datapoint can do this)
        ObjectNode answer = new AlarmRollbackHandler(env.ports, "orders-db")
                .handle(Fixtures.read("events/alarm-orders-dms-cdc-latency-high-alarm.json"));

        // THEN it is no rollback ground: nothing is changed, and the answer says why
        assertThat(answer.path("outcome").asText()).isEqualTo("ignored");
        assertThat(answer.path("message").asText()).contains("replicationAlarms", "writer switch", phase);
        assertThat(env.effects.all()).isEmpty();
        assertThat(env.records.current("orders-reader")).isEqualTo(Weights.allTarget());
    }
}
