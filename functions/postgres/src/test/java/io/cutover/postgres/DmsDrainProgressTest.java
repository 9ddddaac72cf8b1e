package io.cutover.postgres;

import io.cutover.core.port.db.DmsTaskControlStatus;
import io.cutover.core.port.db.DrainProgress;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DmsDrainProgressTest {
    private static final Instant FENCE = Instant.parse("2026-03-01T10:00:00Z");

    private static List<DmsTaskControlStatus> control(DmsTaskControlStatus... rows) {
        return List.of(rows);
    }

    private static DmsTaskControlStatus row(String task, Instant statusTime, long pending, Instant applied) {
        return new DmsTaskControlStatus(task, "CHANGE PROCESSING", statusTime.toString(), pending,
                applied == null ? null : applied.toString(), null);
    }

    @Test
    void caughtUp_whenAppliedAtOrPastTheFenceTime() {
        List<DrainProgress> p = PgReplicationDrain.dmsProgress(FENCE, List.of("A"),
                control(row("A", FENCE.plusSeconds(1), 3, FENCE)), null);

        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.caughtUp()).isTrue();
            assertThat(x.behindMillis()).isZero();
        });
    }

    @Test
    void behind_byTheTimeBetweenAppliedAndFence_whileChangesArePending() {
        List<DrainProgress> p = PgReplicationDrain.dmsProgress(FENCE, List.of("A"),
                control(row("A", FENCE.plusSeconds(1), 3, FENCE.minusMillis(2500))), null);

        assertThat(p.getFirst().caughtUp()).isFalse();
        assertThat(p.getFirst().behindMillis()).isEqualTo(2500);
    }

    @Test
    void idleTask_countsAsCaughtUp_onlyWithAStatusRowWrittenAfterTheFence() {
        DrainProgress fresh = PgReplicationDrain.dmsProgress(FENCE, List.of("A"),
                control(row("A", FENCE.plusSeconds(1), 0, FENCE.minusSeconds(60))), null).getFirst();
        DrainProgress stale = PgReplicationDrain.dmsProgress(FENCE, List.of("A"),
                control(row("A", FENCE.minusSeconds(1), 0, FENCE.minusSeconds(60))), null).getFirst();

        assertThat(fresh.caughtUp()).isTrue();
        assertThat(stale.caughtUp()).isFalse();
    }

    @Test
    void incomingChanges_mustBeZero_andMissingValuesDoNotCount() {
        List<DmsTaskControlStatus> control = control(row("A", FENCE.plusSeconds(1), 0, FENCE.plusSeconds(1)),
                row("B", FENCE.plusSeconds(1), 0, FENCE.plusSeconds(1)));

        List<DrainProgress> p = PgReplicationDrain.dmsProgress(FENCE, List.of("A", "B", "C"), control, Map.of("A", 0L));

        assertThat(p).extracting(DrainProgress::caughtUp).containsExactly(true, false, false);
        assertThat(p.get(1).note()).contains("no CDCIncomingChanges");
        assertThat(p.get(2).note()).contains("no awsdms_status row");
    }
}
