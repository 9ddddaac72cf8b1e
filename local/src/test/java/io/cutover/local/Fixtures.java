package io.cutover.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import io.cutover.handlers.app.DatabaseSideFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/** Repository fixtures (config/, test-payloads/, events/) and a local environment built on them. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private Fixtures() {
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-payloads"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with test-payloads/)");
        }
        return dir;
    }

    static String read(String relative) {
        try {
            return Files.readString(repoRoot().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String exampleConfig() {
        return read("config/example.json");
    }

    /** The example config with one change applied. */
    static String exampleConfigWith(Consumer<ObjectNode> change) {
        ObjectNode tree = (ObjectNode) Json.parseTree(exampleConfig(), "config");
        change.accept(tree);
        return Json.write(tree);
    }

    static LocalEnvironment environment(String configJson, LocalState state, DatabaseSideFactory databases) {
        CutoverConfig config = CutoverConfigParser.parse(configJson);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new LocalEnvironment(config, configJson, state, clock, databases, start -> { });
    }

    static LocalEnvironment environment(LocalState state) {
        return environment(exampleConfig(), state, LocalInvoker.unreachableDatabases());
    }
}
