package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTest {
    private static final List<Integer> STEPS = List.of(20, 50, 80, 100);

    @Test
    void parse_readsEveryDocumentedForm() {
        assertThat(Fault.parse("lag@50", STEPS)).isEqualTo(new Fault(Fault.Kind.LAG, 50));
        assertThat(Fault.parse("ALARM@80", STEPS)).isEqualTo(new Fault(Fault.Kind.ALARM, 80));
        assertThat(Fault.parse("alarm@watch", STEPS)).isEqualTo(new Fault(Fault.Kind.ALARM_WATCH, 0));
        assertThat(Fault.parse("alarm@watch", STEPS).describe()).isEqualTo("alarm@watch");
        assertThat(Fault.parse("target-down@switch", STEPS)).isEqualTo(new Fault(Fault.Kind.TARGET_DOWN, 0));
        assertThat(Fault.parse(" source-slow@drain ", STEPS).describe()).isEqualTo("source-slow@drain");
    }

    @Test
    void parse_readsTheSwitchCheckFaults_eachAtItsOwnMoment() {
        assertThat(Fault.parse("sequence-missing@switch", STEPS)).isEqualTo(new Fault(Fault.Kind.SEQUENCE_MISSING, 0));
        assertThat(Fault.parse("replica-role@switch", STEPS)).isEqualTo(new Fault(Fault.Kind.REPLICA_ROLE, 0));
        assertThat(Fault.parse("prepared-xact@fence", STEPS)).isEqualTo(new Fault(Fault.Kind.PREPARED_XACT, 0));
        assertThat(Fault.parse("fence-bypass@drain", STEPS)).isEqualTo(new Fault(Fault.Kind.FENCE_BYPASS, 0));
        assertThatThrownBy(() -> Fault.parse("prepared-xact@drain", STEPS))
                .hasMessageContaining("prepared-xact happens at 'fence'");
    }

    @Test
    void everyKind_isListedInTheForms_andItsFormParsesBackToIt() {
        assertThat(Fault.FORMS).hasSize(Fault.Kind.values().length);
        // One wire name may have two forms (alarm@PERCENT, alarm@watch): each kind is what one of the forms parses to.
        List<Fault.Kind> parsed = Fault.FORMS.stream().map(f -> Fault.parse(f.replace("PERCENT", "50"), STEPS).kind())
                .toList();
        assertThat(parsed).containsExactlyInAnyOrder(Fault.Kind.values());
    }

    @Test
    void parse_readsTheDmsFaults_atAReaderStep_andAtTheSwitch() {
        assertThat(Fault.parse("task-failed@50", STEPS)).isEqualTo(new Fault(Fault.Kind.TASK_FAILED, 50));
        assertThat(Fault.parse("task-failed@switch", STEPS)).isEqualTo(new Fault(Fault.Kind.TASK_FAILED_SWITCH, 0));
        assertThat(Fault.parse("task-stopped@80", STEPS)).isEqualTo(new Fault(Fault.Kind.TASK_STOPPED, 80));
        assertThat(Fault.parse("table-error@switch", STEPS)).isEqualTo(new Fault(Fault.Kind.TABLE_ERROR_SWITCH, 0));
        assertThat(Fault.parse("validation-failed@20", STEPS)).isEqualTo(new Fault(Fault.Kind.VALIDATION_FAILED, 20));
        assertThat(Fault.parse("apply-exception@50", STEPS)).isEqualTo(new Fault(Fault.Kind.APPLY_EXCEPTION_STEP, 50));
        assertThat(Fault.parse("apply-exception@drain", STEPS)).isEqualTo(new Fault(Fault.Kind.APPLY_EXCEPTION, 0));
        assertThat(Fault.parse("lag@switch", STEPS)).isEqualTo(new Fault(Fault.Kind.DMS_LAG_SWITCH, 0));
        assertThat(Fault.parse("lag@50", STEPS).kind().dms()).isFalse();
        assertThat(Fault.parse("table-error@switch", STEPS).kind().dms()).isTrue();
    }

    @Test
    void parse_readsTheReverseTaskFaults_atTheWatch() {
        assertThat(Fault.parse("task-failed@watch", STEPS)).isEqualTo(new Fault(Fault.Kind.TASK_FAILED_WATCH, 0));
        assertThat(Fault.parse("task-stopped@watch", STEPS)).isEqualTo(new Fault(Fault.Kind.TASK_STOPPED_WATCH, 0));
        assertThat(Fault.parse("table-error@watch", STEPS)).isEqualTo(new Fault(Fault.Kind.TABLE_ERROR_WATCH, 0));
        assertThat(Fault.parse("apply-exception@watch", STEPS))
                .isEqualTo(new Fault(Fault.Kind.APPLY_EXCEPTION_WATCH, 0));
        assertThat(Fault.parse("task-failed@watch", STEPS).describe()).isEqualTo("task-failed@watch");
        assertThat(Fault.parse("table-error@watch", STEPS).kind().dms()).isTrue();
        assertThat(Fault.FORMS).contains("task-failed@watch", "task-stopped@watch", "table-error@watch",
                "apply-exception@watch");
    }

    @Test
    void parse_refusesADmsFaultAtAMomentItHasNoFormFor_listingItsForms() {
        assertThatThrownBy(() -> Fault.parse("validation-failed@drain", STEPS))
                .hasMessageContaining("validation-failed@drain needs a reader step percent, one of [20, 50, 80, 100]")
                .hasMessageContaining("[validation-failed@PERCENT, validation-failed@switch, validation-failed@watch]")
                .hasMessageContaining("validation-failed@watch]");
        assertThatThrownBy(() -> Fault.parse("table-error@drain", STEPS))
                .hasMessageContaining("[table-error@PERCENT, table-error@switch, table-error@watch]");
        assertThatThrownBy(() -> Fault.parse("apply-exception@switch", STEPS))
                .hasMessageContaining("[apply-exception@drain, apply-exception@PERCENT, apply-exception@watch]");
    }

    @Test
    void dmsFaults_withoutDms_andNativeLag_withDms_areRefused_sayingWhatToWriteInstead() {
        RehearsalOptions defaults = RehearsalOptions.defaults();
        assertThatThrownBy(() -> defaults.withFaults(List.of(Fault.parse("task-failed@50", STEPS))))
                .hasMessageContaining("task-failed@50 is a DMS fault").hasMessageContaining("--replication dms");
        RehearsalOptions dms = defaults.withReplication(RehearsalReplication.dms(
                io.cutover.core.config.DmsTaskSettings.defaults(), java.time.Duration.ZERO));
        assertThatThrownBy(() -> dms.withFaults(List.of(Fault.parse("lag@50", STEPS))))
                .hasMessageContaining("lag@switch").hasMessageContaining("task-failed@PERCENT");
        assertThat(dms.withFaults(List.of(Fault.parse("lag@switch", STEPS))).faults()).hasSize(1);
    }

    @Test
    void parse_refusesAPercentThatIsNotAReaderStep_namingTheSteps() {
        assertThatThrownBy(() -> Fault.parse("lag@30", STEPS)).hasMessageContaining("lag@30 is not a reader step")
                .hasMessageContaining("[20, 50, 80, 100]");
    }

    @Test
    void parse_refusesAFixedMomentFaultAtAnotherMoment_sayingWhichOneItHas() {
        assertThatThrownBy(() -> Fault.parse("target-down@drain", STEPS))
                .hasMessageContaining("target-down happens at 'switch'");
    }

    @Test
    void parse_refusesUnknownKindsAndMissingParts_listingTheForms() {
        assertThatThrownBy(() -> Fault.parse("disk-full@50", STEPS)).hasMessageContaining("unknown fault kind 'disk-full'")
                .hasMessageContaining("source-slow@drain");
        assertThatThrownBy(() -> Fault.parse("lag", STEPS)).hasMessageContaining("is not KIND@WHEN");
        assertThatThrownBy(() -> Fault.parse("alarm@soon", STEPS)).hasMessageContaining("needs a reader step percent");
    }
}
