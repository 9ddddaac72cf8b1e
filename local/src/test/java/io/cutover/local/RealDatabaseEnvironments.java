package io.cutover.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.PostgresDatabaseSides;
import io.cutover.local.adapters.EffectLog;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** A local environment whose database steps run on a real replicated pair, each recorded in its effect log. */
final class RealDatabaseEnvironments {
    private RealDatabaseEnvironments() {
    }

    /** @param databases wraps the real database side (a test's way to make one step misbehave) */
    static LocalEnvironment of(EmbeddedReplicatedPair pair, Consumer<ObjectNode> configChange,
                               UnaryOperator<DatabaseSide> databases) {
        ObjectNode config = RehearsalPair.config(pair);
        configChange.accept(config);
        String json = Json.write(config);
        Clock clock = Clock.systemUTC();
        EffectLog effects = new EffectLog(clock);
        RecordingDatabaseSides recording = new RecordingDatabaseSides(PostgresDatabaseSides.inline(), effects);
        return new LocalEnvironment(CutoverConfigParser.parse(json), json, LocalState.empty(), clock, effects,
                c -> databases.apply(recording.open(c)), start -> { });
    }
}
