package io.cutover.handlers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository this module lives in (config/, test-payloads/, events/), found from the working directory. */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("config/example.json")) && Files.isDirectory(dir.resolve("test-payloads"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a directory with config/example.json and test-payloads/)"
                + " above " + Path.of("").toAbsolutePath());
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
