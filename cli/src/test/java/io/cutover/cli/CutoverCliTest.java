package io.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The operator command as a user runs it: exit codes, what goes to stdout and what to stderr. */
class CutoverCliTest {
    record Run(int exitCode, String out, String err) {
    }

    static Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = CutoverCli.run(args);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Path repo(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("test-payloads"))) {
            dir = dir.getParent();
        }
        return dir.resolve(relative);
    }

    static Stream<Path> validPayloads() throws IOException {
        return Files.list(repo("test-payloads")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    static Stream<Path> invalidPayloads() throws IOException {
        return Files.list(repo("test-payloads/invalid")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayloads")
    void validate_printsTheNormalizedRequest_andExitsZero(Path payload) {
        Run run = cli("validate", payload.toString());

        assertThat(run.exitCode()).isZero();
        JsonNode printed = Json.parseTree(run.out(), "stdout");
        assertThat(printed.path("action").asText()).isNotBlank();
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPayloads")
    void validate_printsTheErrorsToStderr_andExitsTwo(Path payload) {
        Run run = cli("validate", payload.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("invalid payload").contains("expected");
    }

    @Test
    void validateConfig_acceptsTheExampleConfig() {
        assertThat(cli("validate", "--config", repo("config/example.json").toString()).exitCode()).isZero();
    }

    @Test
    void invoke_printsTheAnswerAndTheEffects_asJson() {
        Run run = cli("invoke", "CutoverApi", repo("test-payloads/gradual_cutover-20.json").toString(),
                "--config", repo("config/example.json").toString());

        assertThat(run.exitCode()).isZero();
        JsonNode report = Json.parseTree(run.out(), "stdout");
        assertThat(report.path("response").path("outcome").asText()).isEqualTo("applied");
        assertThat(report.path("effects").findValuesAsText("call")).contains("route53:ChangeResourceRecordSets");
        assertThat(report.path("state").path("weights").path("orders-reader").path("target").asInt()).isEqualTo(20);
    }

    @Test
    void invoke_exitsTwo_forAnInvalidPayload_withNoEffect() {
        Run run = cli("invoke", "CutoverApi", repo("test-payloads/invalid/unknown-action.json").toString(),
                "--config", repo("config/example.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode report = Json.parseTree(run.err().substring(run.err().indexOf("{\n")), "stderr");
        assertThat(report.path("effects").size()).isZero();
    }

    @Test
    void invoke_exitsTwo_forAnUnknownFunction() {
        Run run = cli("invoke", "Nope", repo("test-payloads/status.json").toString(),
                "--config", repo("config/example.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("FUNCTION").contains("CutoverApi");
    }
}
