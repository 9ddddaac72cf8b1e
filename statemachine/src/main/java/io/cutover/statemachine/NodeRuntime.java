package io.cutover.statemachine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A node binary recent enough for the local runner. */
public record NodeRuntime(Path executable, NodeVersion version) {
    public NodeRuntime {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(version, "version");
    }

    /**
     * The node installed by the {@code node} npm package in {@code statemachine/node_modules} (Node 22 pinned there,
     * because the machines here have Node 20), else the first {@code node} on the PATH that is recent enough.
     */
    public static NodeRuntime locate(StateMachineHome home) {
        Set<Path> candidates = new LinkedHashSet<>();
        candidates.add(home.bundledNode());
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    candidates.add(Path.of(entry, "node"));
                }
            }
        }
        List<String> rejected = new ArrayList<>();
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            try {
                NodeVersion version = versionOf(candidate);
                if (version.isAtLeast(NodeVersion.REQUIRED)) {
                    return new NodeRuntime(candidate, version);
                }
                rejected.add(candidate + " is " + version);
            } catch (IOException | IllegalArgumentException e) {
                rejected.add(candidate + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("no node " + NodeVersion.REQUIRED + " or newer: " + home.bundledNode()
                + " is missing (run 'npm ci' in " + home.directory() + "; ./build does it)"
                + (rejected.isEmpty() ? "" : "; rejected " + rejected));
    }

    static NodeVersion versionOf(Path executable) throws IOException {
        Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + executable + " --version' did not answer within 20 s");
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("'" + executable + " --version' exited " + process.exitValue() + ": " + out);
            }
            return NodeVersion.parse(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while asking " + executable + " for its version", e);
        }
    }
}
