package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.port.cloud.Weights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFiguresTest {
    private static JournalEntry ack(long id, Side side, long attemptAt, long ackAt) {
        return JournalEntry.acknowledged(id, attemptAt, 1, side, attemptAt, ackAt);
    }

    @Test
    void lost_listsAcknowledgedWritesAbsentOnTheFinalPrimary_butNotWritesThatWereNeverAcknowledged() {
        // GIVEN three acknowledged writes and one given up, and a primary holding only write 1
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 10, 11), ack(2, Side.SOURCE, 20, 21),
                ack(3, Side.TARGET, 30, 31), JournalEntry.unacknowledged(4, 40, 9));

        // WHEN lost writes are computed
        List<Long> lost = ReportFigures.lost(journal, Map.of(1L, 1));

        // THEN the acknowledged writes 2 and 3 are lost; 4 was never promised
        assertThat(lost).containsExactly(2L, 3L);
    }

    @Test
    void duplicated_listsJournaledIdsPresentMoreThanOnce_evenWhenTheClientSawAnError() {
        // GIVEN write 2 committed twice (ambiguous commit retried) and write 3 not acknowledged but stored twice
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 10, 11), ack(2, Side.SOURCE, 20, 21),
                JournalEntry.unacknowledged(3, 30, 2));

        // WHEN duplicates are computed
        List<Long> duplicated = ReportFigures.duplicated(journal, Map.of(1L, 1, 2L, 2, 3L, 2, 99L, 5));

        // THEN 2 and 3 are duplicated; 99 is not a journaled id
        assertThat(duplicated).containsExactly(2L, 3L);
    }

    @Test
    void splitBrain_countsWritesTheOtherSideAcceptedFromAttemptsBegunAfterTheSplitPoint() {
        // GIVEN a completed cutover (target primary) fenced at t=100
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 90, 105), ack(2, Side.SOURCE, 100, 101),
                ack(3, Side.TARGET, 150, 151), ack(4, Side.SOURCE, 160, 161));

        // WHEN split-brain writes are computed
        List<JournalEntry> split = ReportFigures.splitBrain(journal, Side.TARGET, 100L);

        // THEN the source writes whose attempt began at or after the fence count; one begun before does not,
        // even though its acknowledgement arrived after the fence
        assertThat(split).extracting(JournalEntry::clientId).containsExactly(2L, 4L);
    }

    @Test
    void splitBrainByCommitPosition_countsASourceWriteBegunBeforeTheFenceButCommittedPastIt() {
        // GIVEN a completed cutover fenced at t=100 with the fence LSN at 1000: write 1 began at 90 and committed at
        // 1200 (past the fence), write 2 began at 95 and committed at 900, write 3 committed exactly at the fence LSN
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 90, 130), ack(2, Side.SOURCE, 95, 96),
                ack(3, Side.SOURCE, 98, 99), ack(4, Side.TARGET, 150, 151));
        ReportFigures.FencePosition fence = new ReportFigures.FencePosition(1000,
                Map.of(1L, 1200L, 2L, 900L, 3L, 1000L));

        // WHEN split-brain writes are computed by commit position
        List<JournalEntry> split = ReportFigures.splitBrain(journal, Side.TARGET, 100L, fence);

        // THEN only write 1 counts: its attempt began before the fence, its commit is past the fence position the
        // drain waited for; writes 2 and 3 are covered by the drain; the target's write is the final primary's
        assertThat(split).extracting(JournalEntry::clientId).containsExactly(1L);
    }

    @Test
    void splitBrainByCommitPosition_doesNotCountAWriteBegunAfterTheFenceTaskFinishedIfItCommittedBeforeTheFenceLsn() {
        // GIVEN a write whose attempt the client timed after the split point but whose commit the WAL puts before the
        // fence position (the client's clock and the fence task's end are not the commit order)
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 101, 102));
        ReportFigures.FencePosition fence = new ReportFigures.FencePosition(1000, Map.of(1L, 999L));

        // WHEN / THEN the commit position decides: not split-brain (the time rule alone would count it)
        assertThat(ReportFigures.splitBrain(journal, Side.TARGET, 100L, fence)).isEmpty();
        assertThat(ReportFigures.splitBrain(journal, Side.TARGET, 100L)).hasSize(1);
    }

    @Test
    void splitBrainByCommitPosition_fallsBackToTheTimeRuleForUndecodedAndTargetWrites() {
        // GIVEN a source write with no decoded commit, begun after the split point, and a rollback case where the
        // target (not the final primary) took a write after the fence
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 120, 121), ack(2, Side.TARGET, 130, 131));
        ReportFigures.FencePosition fence = new ReportFigures.FencePosition(1000, Map.of());

        // WHEN / THEN each is judged by its attempt time
        assertThat(ReportFigures.splitBrain(journal, Side.TARGET, 100L, fence)).extracting(JournalEntry::clientId)
                .containsExactly(1L);
        assertThat(ReportFigures.splitBrain(journal, Side.SOURCE, 100L, fence)).extracting(JournalEntry::clientId)
                .containsExactly(2L);
    }

    @Test
    void splitBrainAfterReverseSwitch_withAFencePosition_stillLeavesOutWritesCarriedBackToTheSource() {
        // GIVEN a reverse switch (source final primary): target writes 1 (carried back) and 2 (absent) after the fence
        List<JournalEntry> journal = List.of(ack(1, Side.TARGET, 120, 121), ack(2, Side.TARGET, 130, 131));
        ReportFigures.FencePosition fence = new ReportFigures.FencePosition(1000, Map.of(9L, 1200L));

        // WHEN / THEN only the write absent from the source is split-brain, as without a fence position
        assertThat(ReportFigures.splitBrainAfterReverseSwitch(journal, Side.SOURCE, 100L, fence, Map.of(1L, 1)))
                .extracting(JournalEntry::clientId).containsExactly(2L);
    }

    @Test
    void splitBrain_withoutASplitPoint_countsEveryWriteTheNonPrimaryAccepted() {
        // GIVEN a rollback before any fence (source primary) and one write the target accepted
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 1, 2), ack(2, Side.TARGET, 3, 4));

        // WHEN / THEN it is split-brain
        assertThat(ReportFigures.splitBrain(journal, Side.SOURCE, null)).extracting(JournalEntry::clientId)
                .containsExactly(2L);
    }

    @Test
    void splitBrainAfterReverseSwitch_leavesOutTargetWritesCarriedBack_andCountsOnlyThoseAbsentFromTheSource() {
        // GIVEN a rollback after the switch (source primary again), fenced at t=100: the target acknowledged 2 and 3,
        // reverse replication carried 2 back; 3 is not on the source
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 90, 95), ack(2, Side.TARGET, 150, 151),
                ack(3, Side.TARGET, 160, 161), ack(4, Side.SOURCE, 300, 301));
        Map<Long, Integer> onSource = Map.of(1L, 1, 2L, 1, 4L, 1);

        // WHEN split-brain and carried-back writes are computed
        List<JournalEntry> split = ReportFigures.splitBrainAfterReverseSwitch(journal, Side.SOURCE, 100L, onSource);
        List<JournalEntry> carried = ReportFigures.carriedBack(journal, Side.SOURCE, onSource);

        // THEN the carried-back write is not split-brain, the missing one is
        assertThat(split).extracting(JournalEntry::clientId).containsExactly(3L);
        assertThat(carried).extracting(JournalEntry::clientId).containsExactly(2L);
        // AND the strict rule (no reverse switch) would have counted both
        assertThat(ReportFigures.splitBrain(journal, Side.SOURCE, 100L)).extracting(JournalEntry::clientId)
                .containsExactly(2L, 3L);
    }

    @Test
    void longestWriteGap_isTheLongestStretchBetweenConsecutiveAcknowledgements_inAckOrder() {
        // GIVEN acknowledgements recorded out of order, with a stall between 200 and 1150, in a load from 0 to 1200
        List<JournalEntry> journal = List.of(ack(3, Side.TARGET, 1100, 1150), ack(1, Side.SOURCE, 90, 100),
                ack(2, Side.SOURCE, 190, 200), JournalEntry.unacknowledged(4, 300, 5), ack(5, Side.TARGET, 1160, 1170));

        // WHEN the gap is computed
        ReportFigures.Gap gap = ReportFigures.longestWriteGap(journal, 0, 1200);

        // THEN it runs from the last ack before the stall to the first after it
        assertThat(gap).isEqualTo(new ReportFigures.Gap(200, 1150));
        assertThat(gap.millis()).isEqualTo(950);
    }

    @Test
    void longestWriteGap_countsTheEndOfTheLoad_whenWritesNeverCameBack() {
        // GIVEN writes acknowledged until 300, then none until the load stopped at 5000
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 90, 100), ack(2, Side.SOURCE, 290, 300),
                JournalEntry.unacknowledged(3, 400, 80));

        // WHEN / THEN the stretch to the end of the load is the gap; with no ack at all, the whole load is
        assertThat(ReportFigures.longestWriteGap(journal, 0, 5000)).isEqualTo(new ReportFigures.Gap(300, 5000));
        assertThat(ReportFigures.longestWriteGap(List.of(), 10, 20)).isEqualTo(new ReportFigures.Gap(10, 20));
    }

    @Test
    void allOnSourceAt_isTheFirstChangeAfterDetectionThatLeavesEveryGroupOnTheSource() {
        // GIVEN readers at 50% when the fault is detected at t=1000; the rollback moves them back at t=1040
        Map<String, Weights> initial = Map.of("writer", Weights.allSource(), "reader", Weights.allSource());
        List<ReportFigures.WeightChange> changes = List.of(
                new ReportFigures.WeightChange(1040, "reader", Weights.allSource()),
                new ReportFigures.WeightChange(100, "reader", new Weights(80, 20)),
                new ReportFigures.WeightChange(500, "reader", new Weights(50, 50)));

        // WHEN / THEN every weight was back at t=1040
        assertThat(ReportFigures.allOnSourceAt(1000, initial, changes)).isEqualTo(1040L);
    }

    @Test
    void allOnSourceAt_needsEveryGroup_andIsNullWhenTheyNeverAllComeBack() {
        // GIVEN writer and readers on the target; only the readers come back after detection
        Map<String, Weights> initial = Map.of("writer", Weights.allSource(), "reader", Weights.allSource());
        List<ReportFigures.WeightChange> changes = List.of(
                new ReportFigures.WeightChange(10, "reader", Weights.allTarget()),
                new ReportFigures.WeightChange(20, "writer", Weights.allTarget()),
                new ReportFigures.WeightChange(40, "reader", Weights.allSource()));

        // WHEN / THEN
        assertThat(ReportFigures.allOnSourceAt(30, initial, changes)).isNull();
        assertThat(ReportFigures.allOnSourceAt(5, initial, changes)).as("already all on source at detection")
                .isEqualTo(5L);
    }

    @Test
    void lastWriterMove_isTheWriterRecordsLastChange_elseTheSplitPoint() {
        // GIVEN the readers moved at 50 and 80, the writer at 100 and back at 300
        List<ReportFigures.WeightChange> changes = List.of(
                new ReportFigures.WeightChange(50, "readers", new Weights(80, 20)),
                new ReportFigures.WeightChange(300, "writer", Weights.allSource()),
                new ReportFigures.WeightChange(100, "writer", Weights.allTarget()),
                new ReportFigures.WeightChange(400, "readers", Weights.allSource()));

        // WHEN / THEN the last writer change counts, whatever the readers did later
        assertThat(ReportFigures.lastWriterMove(changes, "writer", 90L)).isEqualTo(300L);
        // a rollback before the switch: the writer never moved, the fence is when writes stopped on the source
        assertThat(ReportFigures.lastWriterMove(changes.subList(0, 1), "writer", 90L)).isEqualTo(90L);
        assertThat(ReportFigures.lastWriterMove(List.of(), "writer", null)).isNull();
    }

    @Test
    void acknowledgedAfter_countsOnlyThatSidesAcknowledgementsAfterTheMoment() {
        List<JournalEntry> journal = List.of(ack(1, Side.SOURCE, 90, 99), ack(2, Side.TARGET, 95, 101),
                ack(3, Side.SOURCE, 100, 102), ack(4, Side.TARGET, 110, 111), JournalEntry.unacknowledged(5, 120, 3));

        assertThat(ReportFigures.acknowledgedAfter(journal, Side.TARGET, 100)).isEqualTo(2);
        assertThat(ReportFigures.acknowledgedAfter(journal, Side.SOURCE, 100)).isEqualTo(1);
        assertThat(ReportFigures.acknowledgedAfter(journal, Side.SOURCE, 200)).isZero();
    }
}
