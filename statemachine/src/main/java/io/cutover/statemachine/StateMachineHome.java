package io.cutover.statemachine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code statemachine/} directory of the source tree: the definition, the node scripts and their
 * {@code node_modules} (installed by {@code npm ci}, which {@code ./build} runs). Local runs need the tree, not a jar.
 */
public record StateMachineHome(Path directory) {
    /** Overrides the search, e.g. when running from another working directory. */
    public static final String HOME_PROPERTY = "cutover.statemachine.home";
    public static final String HOME_ENVIRONMENT = "CUTOVER_STATEMACHINE_HOME";

    private static final String DEFINITION = "cutover.asl.json";

    public StateMachineHome {
        directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /**
     * The directory named by {@value #HOME_PROPERTY} or {@value #HOME_ENVIRONMENT}, else the first directory, from
     * the working directory upwards, that is the {@code statemachine} module or contains it.
     */
    public static StateMachineHome locate() {
        String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENVIRONMENT));
        if (configured != null && !configured.isBlank()) {
            StateMachineHome home = new StateMachineHome(Path.of(configured));
            if (!home.looksRight()) {
                throw new IllegalStateException(HOME_PROPERTY + "/" + HOME_ENVIRONMENT + " is " + configured
                        + ", which holds no " + DEFINITION + " and local/run-workflow.mjs");
            }
            return home;
        }
        List<Path> looked = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir, dir.resolve("statemachine"))) {
                looked.add(candidate);
                StateMachineHome home = new StateMachineHome(candidate);
                if (home.looksRight()) {
                    return home;
                }
            }
        }
        throw new IllegalStateException("cannot find the statemachine directory (" + DEFINITION
                + " + local/run-workflow.mjs) from " + Path.of("").toAbsolutePath() + "; looked at " + looked
                + "; set -D" + HOME_PROPERTY + " or " + HOME_ENVIRONMENT);
    }

    /** The cutover workflow as deployed. */
    public Path definition() {
        return directory.resolve(DEFINITION);
    }

    public Path runnerScript() {
        return directory.resolve("local").resolve("run-workflow.mjs");
    }

    public Path nodeModules() {
        return directory.resolve("node_modules");
    }

    /** The {@code node} npm package's binary (Node 22 pinned in package.json), present after {@code npm ci}. */
    public Path bundledNode() {
        return nodeModules().resolve("node").resolve("bin").resolve("node");
    }

    /** The asl-validator CLI script, run with node. */
    public Path aslValidatorCli() {
        return nodeModules().resolve("asl-validator").resolve("dist").resolve("bin").resolve("asl-validator.js");
    }

    /** Fails with what to do when {@code npm ci} has not run here. */
    public void requireInstalledPackages() {
        for (Path required : List.of(nodeModules().resolve("aws-local-stepfunctions").resolve("package.json"),
                aslValidatorCli())) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException(required + " is missing: run 'npm ci' in " + directory
                        + " (./build does it)");
            }
        }
    }

    private boolean looksRight() {
        return Files.isRegularFile(definition()) && Files.isRegularFile(runnerScript());
    }
}
