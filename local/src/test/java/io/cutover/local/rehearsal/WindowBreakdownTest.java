package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowBreakdownTest {
    private static PhaseTracker.TaskRun run(String task, long start, long end) {
        return new PhaseTracker.TaskRun(task, start, end, false);
    }

    @Test
    void breaksTheFenceToRecordStretchIntoItsTasks_andNamesTheGapsBetweenThemAsTheStateMachines() {
        // GIVEN the tasks of a switch: fence 1000-1040, drain 1050-1150, sequences 1160-1200, role reset 1205-1210,
        // counts 1215-1300, reverse replication 1305-1320, check fence 1325-1340, switch 1345-1400 (record at 1380)
        List<PhaseTracker.TaskRun> runs = List.of(run("checkReadiness", 900, 990), run("snapshotSource", 992, 998),
                run("fenceSource", 1000, 1040), run("drain", 1050, 1150), run("syncSequences", 1160, 1200),
                run("resetSessionReplicationRole", 1205, 1210), run("verifyRowCounts", 1215, 1300),
                run("startReverseReplication", 1305, 1320), run("checkFence", 1325, 1340),
                run("switchWriter", 1345, 1400), run("stopReplication", 1405, 1420));

        // WHEN it is broken down, the writer record having changed at 1380
        WindowBreakdown breakdown = WindowBreakdown.of(runs, List.of(1380L)).orElseThrow();

        // THEN the stretch runs from the fence's start to the record change, each task is one step, the record
        // change step ends with the record, and what the tasks do not cover is between tasks
        assertThat(breakdown.totalMs()).isEqualTo(380);
        assertThat(breakdown.steps()).extracting(WindowBreakdown.Step::name).containsExactly("fence", "drain",
                "sequences", "session replication role", "counts", "reverse replication", "check fence",
                "record change");
        assertThat(breakdown.steps()).extracting(WindowBreakdown.Step::ms)
                .containsExactly(40L, 100L, 40L, 5L, 85L, 15L, 15L, 35L);
        assertThat(breakdown.betweenTasksMs()).isEqualTo(380 - (40 + 100 + 40 + 5 + 85 + 15 + 15 + 35));
    }

    @Test
    void stepsSideBySide_countOnceInTheStretch_andTheirOverlapIsShown() {
        // GIVEN the sequences (1045-1145) beside drain 1045-1100, role reset 1105-1110 and counts 1115-1160
        List<PhaseTracker.TaskRun> runs = List.of(run("fenceSource", 1000, 1040), run("drain", 1045, 1100),
                run("syncSequences", 1045, 1145), run("resetSessionReplicationRole", 1105, 1110),
                run("verifyRowCounts", 1115, 1160), run("switchWriter", 1170, 1200));

        // WHEN
        WindowBreakdown breakdown = WindowBreakdown.of(runs, List.of(1190L)).orElseThrow();

        // THEN the tasks cover 40 + 115 (1045-1160) + 20, the rest is between tasks; the sequences' 100 ms ran beside
        // the other three but for 10 ms (1100-1105, 1110-1115)
        assertThat(breakdown.totalMs()).isEqualTo(190);
        assertThat(breakdown.betweenTasksMs()).isEqualTo(190 - (40 + 115 + 20));
        assertThat(breakdown.sideBySideMs()).isEqualTo((40 + 55 + 100 + 5 + 45 + 20) - (40 + 115 + 20));
        assertThat(breakdown.sideBySideMs()).isEqualTo(90);
    }

    @Test
    void aTaskRetriedInsideTheStretchCountsOnce_summed_andAnUnknownTaskKeepsItsOwnName() {
        // GIVEN a drain that failed once and ran again, and a task the breakdown has no name for
        List<PhaseTracker.TaskRun> runs = List.of(run("fenceSource", 0, 10),
                new PhaseTracker.TaskRun("drain", 10, 30, true), run("drain", 40, 60), run("precountRows", 60, 70),
                run("switchWriter", 70, 80));

        // WHEN broken down without a logged record change (the switch task's end closes the stretch)
        WindowBreakdown breakdown = WindowBreakdown.of(runs, List.of()).orElseThrow();

        // THEN
        assertThat(breakdown.totalMs()).isEqualTo(80);
        assertThat(breakdown.ms("drain")).isEqualTo(40);
        assertThat(breakdown.ms("precountRows")).isEqualTo(10);
        assertThat(breakdown.betweenTasksMs()).isEqualTo(10);
    }

    @Test
    void thereIsNoBreakdownWhenTheWriterNeverMovedAfterAFence() {
        // GIVEN a rollback after the drain: a fence, no switch
        List<PhaseTracker.TaskRun> runs = List.of(run("fenceSource", 0, 10), run("drain", 10, 20),
                run("rollback", 20, 30));

        // WHEN / THEN
        assertThat(WindowBreakdown.of(runs, List.of(25L))).isEmpty();
        assertThat(WindowBreakdown.of(List.of(run("switchWriter", 0, 10)), List.of())).isEmpty();
    }
}
