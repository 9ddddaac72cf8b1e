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
