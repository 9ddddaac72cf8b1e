package io.cutover.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Executes an ASL definition on this machine with the aws-local-stepfunctions interpreter (in node, see
 * {@code statemachine/local/run-workflow.mjs}), answering its Task states from Java.
 *
 * <p>Each run starts a loopback HTTP server for the node side's callbacks, spawns node with the job on stdin, and
 * reads the state events and the outcome from its stdout. {@code ${...}} placeholders are filled from
 * {@link RunOptions#substitutions()}; every Task state is answered by the {@link TaskDispatcher}, every Wait state
 * pauses as the {@link WaitPolicy} says. Runs are independent and may run concurrently.
 */
public final class LocalStateMachineRunner {
    private static final Duration REAP_TIMEOUT = Duration.ofSeconds(5);
    private static final int STDERR_TAIL_CHARS = 4_000;

    private final StateMachineHome home;
    private final NodeRuntime node;

    public LocalStateMachineRunner(StateMachineHome home, NodeRuntime node) {
        this.home = Objects.requireNonNull(home, "home");
        this.node = Objects.requireNonNull(node, "node");
        home.requireInstalledPackages();
    }

    /** A runner on the located statemachine directory and the first node recent enough. */
    public static LocalStateMachineRunner locate() {
        StateMachineHome home = StateMachineHome.locate();
        return new LocalStateMachineRunner(home, NodeRuntime.locate(home));
    }

    public StateMachineHome home() {
        return home;
    }

    public NodeRuntime node() {
        return node;
    }

    /**
     * Runs one execution to its end.
     *
     * @return how the execution ended (a Fail state is a FAILED result, not an exception)
     * @throws LocalRunFailedException when no execution result could be produced (see there)
     */
    public ExecutionResult run(Path definition, JsonNode input, TaskDispatcher dispatcher, RunOptions options) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        if (!Files.isRegularFile(definition)) {
            throw new IllegalArgumentException("no definition file at " + definition);
        }
        Instant deadline = Instant.now().plus(options.deadline());
        NodeTranscript transcript = new NodeTranscript();
        try (TaskCallbackServer callbacks = TaskCallbackServer.start(dispatcher, options.waits())) {
            Process process = new ProcessBuilder(node.executable().toString(), home.runnerScript().toString())
                    .directory(home.directory().toFile())
                    .start();
            try {
                StringBuilder stderr = new StringBuilder();
                Thread stdoutReader = readLines(process.getInputStream(), transcript::accept, "stdout");
                Thread stderrReader = readLines(process.getErrorStream(), line -> keepTail(stderr, line), "stderr");
                sendJob(process, job(definition, input, options, callbacks));
                awaitExit(process, deadline, callbacks, transcript, options.deadline(), stderr);
                stdoutReader.join(REAP_TIMEOUT);
                stderrReader.join(REAP_TIMEOUT);
                if (callbacks.crash() != null) {
                    throw new LocalRunFailedException("the task dispatcher or wait policy broke",
                            transcript.states(), callbacks.crash());
                }
                return transcript.result(callbacks.waits(), tail(stderr));
            } finally {
                kill(process);
            }
        } catch (IOException e) {
            throw new LocalRunFailedException("cannot start the local runner (" + node.executable() + " "
                    + home.runnerScript() + "): " + e.getMessage(), transcript.states(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRunFailedException("interrupted while running " + definition, transcript.states(), e);
        }
    }

    private ObjectNode job(Path definition, JsonNode input, RunOptions options, TaskCallbackServer callbacks) {
        ObjectNode job = Jackson.MAPPER.createObjectNode();
        job.put("definitionPath", definition.toAbsolutePath().toString());
        job.set("input", input);
        job.put("executionName", options.executionName());
        job.put("stateMachineName", options.stateMachineName());
        ObjectNode substitutions = job.putObject("substitutions");
        options.substitutions().forEach(substitutions::put);
        job.put("callbackUrl", callbacks.url().toString());
        options.retryPause().ifPresentOrElse(pause -> job.put("retryPauseMillis", pause.toMillis()),
                () -> job.putNull("retryPauseMillis"));
        return job;
    }

    private static void sendJob(Process process, JsonNode job) throws IOException {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(Jackson.MAPPER.writeValueAsBytes(job));
        }
    }

    /** Waits for node to finish; a broken dispatcher or the deadline ends the run early. */
    private static void awaitExit(Process process, Instant deadline, TaskCallbackServer callbacks,
                                  NodeTranscript transcript, Duration allowed, StringBuilder stderr)
            throws InterruptedException {
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            if (callbacks.crash() != null) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                kill(process);
                throw new LocalRunFailedException("the local run passed its deadline of " + allowed
                        + " and was killed" + (tail(stderr).isBlank() ? "" : "; node stderr: " + tail(stderr)),
                        transcript.states(), null);
            }
        }
    }

    private static Thread readLines(InputStream stream, Consumer<String> sink, String name) {
        return Thread.ofPlatform().daemon().name("local-sfn-" + name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException killedUnderUs) {
                // The process was killed (deadline, broken dispatcher): what was read so far is all there is.
            }
        });
    }

    private static void keepTail(StringBuilder stderr, String line) {
        synchronized (stderr) {
            stderr.append(line).append('\n');
            if (stderr.length() > 2 * STDERR_TAIL_CHARS) {
                stderr.delete(0, stderr.length() - STDERR_TAIL_CHARS);
            }
        }
    }

    private static String tail(StringBuilder stderr) {
        synchronized (stderr) {
            return stderr.length() <= STDERR_TAIL_CHARS ? stderr.toString().strip()
                    : stderr.substring(stderr.length() - STDERR_TAIL_CHARS).strip();
        }
    }

    private static void kill(Process process) {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
