package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.port.cloud.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WeightedResolverTest {

    @Test
    void pick_sendsEveryConnectionToTheSource_whenTheTargetWeightIsZero() {
        // GIVEN every record on the source
        Weights weights = Weights.allSource();

        // WHEN the uniform draw is anywhere in [0, 1)
        // THEN the connection goes to the source
        for (double u : new double[] {0, 0.5, 0.999_999}) {
            assertThat(WeightedResolver.pick(weights, u)).isEqualTo(Side.SOURCE);
        }
    }

    @Test
    void pick_splitsTheIntervalAtTheSourceShare() {
        // GIVEN 80/20
        Weights weights = new Weights(80, 20);

        // WHEN / THEN draws below 0.8 go to the source, the rest to the target
        assertThat(WeightedResolver.pick(weights, 0.799)).isEqualTo(Side.SOURCE);
        assertThat(WeightedResolver.pick(weights, 0.8)).isEqualTo(Side.TARGET);
        assertThat(WeightedResolver.pick(Weights.allTarget(), 0)).isEqualTo(Side.TARGET);
    }

    @Test
    void resolve_sendsConnectionsInProportionToTheWeights_andASeedRepeatsTheSameSequence() {
        // GIVEN a record at 50/50 and two resolvers with the same seed
        WeightedResolver first = new WeightedResolver(group -> new Weights(50, 50), new Random(7));
        WeightedResolver second = new WeightedResolver(group -> new Weights(50, 50), new Random(7));

        // WHEN each resolves 10 000 new connections
        List<Side> sides = new ArrayList<>();
        List<Side> repeated = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            sides.add(first.resolve("reader").side());
            repeated.add(second.resolve("reader").side());
        }

        // THEN about half go to each side, and the seed made the two sequences identical
        long target = sides.stream().filter(s -> s == Side.TARGET).count();
        assertThat(target).isBetween(4_800L, 5_200L);
        assertThat(repeated).isEqualTo(sides);
    }

    @Test
    void resolve_readsTheWeightsInForceAtEachNewConnection_andReportsThem() {
        // GIVEN a record that moves from the source to the target between two resolutions
        AtomicReference<Weights> current = new AtomicReference<>(Weights.allSource());
        WeightedResolver resolver = new WeightedResolver(group -> current.get(), new Random(1));

        // WHEN a connection is resolved before and one after the move
        WeightedResolver.Resolution before = resolver.resolve("writer");
        current.set(Weights.allTarget());
        WeightedResolver.Resolution after = resolver.resolve("writer");

        // THEN each went where the weights said at that moment, and carries those weights
        assertThat(before).isEqualTo(new WeightedResolver.Resolution(Side.SOURCE, Weights.allSource()));
        assertThat(after).isEqualTo(new WeightedResolver.Resolution(Side.TARGET, Weights.allTarget()));
    }
}
