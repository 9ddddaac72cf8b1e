package io.cutover.statemachine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the pinned asl-validator CLI ({@code --json-path FILE}: exit 0 valid, 1 invalid) with the located node. */
final class AslValidator {
    record Verdict(int exitCode, String output) {
    }

    private final StateMachineHome home;
    private final NodeRuntime node;

    AslValidator(StateMachineHome home, NodeRuntime node) {
        this.home = home;
        this.node = node;
    }

    Verdict validate(Path definition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(node.executable().toString(), home.aslValidatorCli().toString(),
                "--json-path", definition.toString())
                .directory(home.directory().toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("asl-validator did not finish within 60 s: " + output);
        }
        return new Verdict(process.exitValue(), output);
    }
}
