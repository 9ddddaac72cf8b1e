package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTrackerTest {
    private static JsonNode input(String json) {
        return Json.parseTree(json, "task input");
    }

    @Test
    void before_namesThePhaseFromTheTask_andMergesConsecutiveTasksOfOnePhase() {
        // GIVEN a tracker started in the baseline
        PhaseTracker tracker = new PhaseTracker("baseline", 0);

        // WHEN the workflow shifts readers to 20 %, verifies, then fences and drains
        tracker.before("shiftReaders", input("{\"percent\": 20}"));
        tracker.before("verifyHealth", input("{\"percent\": 20}"));
        tracker.before("checkReadiness", input("{\"gate\": \"writer\"}"));
        tracker.before("snapshotSource", input("{}"));
        tracker.before("fenceSource", input("{}"));
        tracker.before("drain", input("{}"));

        // THEN the phases follow the tasks, one per stretch
        List<String> names = tracker.phases(System.currentTimeMillis()).stream().map(PhaseTracker.Phase::name).toList();
        assertThat(names).containsExactly("baseline", "readers 20%", "writer gate", "fence", "drain");
        assertThat(tracker.current()).isEqualTo("drain");
    }

    @Test
    void tasksSideBySide_eachCountFromTheirOwnStart_andOneThatThrew_isRecordedAsFailed() {
        // GIVEN the drain and the sequences started side by side; the sequences answer, the drain throws
        PhaseTracker tracker = new PhaseTracker("baseline", 0);
        tracker.before("fenceSource", input("{}"));
        tracker.after("fenceSource", input("{}"), input("{}"));
        tracker.before("syncSequences", input("{}"));
        tracker.before("drain", input("{}"));
        // (the sequences start no phase of their own: the drain's is current, whichever started first)
        assertThat(tracker.current()).isEqualTo("drain");
        tracker.after("syncSequences", input("{}"), input("{}"));
        tracker.failed("drain", input("{}"), new IllegalStateException("drain timed out"));

        // WHEN the rollback starts and finishes
        tracker.before("rollback", input("{}"));
        tracker.after("rollback", input("{}"), input("{}"));

        // THEN the sequences ran to their answer beside the drain, which is a failed run
        List<PhaseTracker.TaskRun> runs = tracker.runs(0, Long.MAX_VALUE);
        assertThat(runs).extracting(PhaseTracker.TaskRun::task)
                .containsExactly("fenceSource", "syncSequences", "drain", "rollback");
        assertThat(runs).extracting(PhaseTracker.TaskRun::failed).containsExactly(false, false, true, false);
        assertThat(tracker.finished("drain")).isNull();
        assertThat(tracker.finished("syncSequences")).isNotNull();
    }

    @Test
    void aTaskStartedAgainBeforeItsEarlierCallAnswered_endsThatCallAsFailed() {
        PhaseTracker tracker = new PhaseTracker("baseline", 0);
        tracker.before("drain", input("{}"));
        tracker.before("drain", input("{}"));
        tracker.after("drain", input("{}"), input("{}"));

        assertThat(tracker.runs(0, Long.MAX_VALUE)).extracting(PhaseTracker.TaskRun::failed)
                .containsExactly(true, false);
    }
}
