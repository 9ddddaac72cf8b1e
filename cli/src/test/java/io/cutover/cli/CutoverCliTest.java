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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @ParameterizedTest(name = "--repeat {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "51", "-3"})
    void rehearse_refusesARepeatCountOutsideOneToFifty_beforeStartingAnyServer(String count, @TempDir Path dir) {
        Run run = cli("rehearse", "--repeat", count, "--report", dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--repeat: " + count + " is outside 1..50");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @ParameterizedTest(name = "--rows {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-1", "20000001"})
    void rehearse_refusesARowCountOutsideItsRange_namingTheOption_beforeStartingAnyServer(String rows,
                                                                                           @TempDir Path dir) {
        Run run = cli("rehearse", "--rows", rows, "--report", dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rows: " + rows + " is outside 0..20000000");
        assertThat(dir.resolve("r")).doesNotExist();
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

    /** The repository file with its first {@code marker} character written as one ISO-8859-1 byte, at {@code at}. */
    private static Path latin1Copy(Path dir, String relative, String from, String to) throws IOException {
        String text = Files.readString(repo(relative));
        assertThat(text).contains(from);
        Path copy = dir.resolve(Path.of(relative).getFileName());
        Files.write(copy, text.replaceFirst(java.util.regex.Pattern.quote(from), to)
                .getBytes(StandardCharsets.ISO_8859_1));
        return copy;
    }

    private static void assertRefusedWithoutStackTrace(Run run, Path file, String where) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(file.toString()).contains("not valid UTF-8 at byte " + where)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validate_exitsTwo_forAPayloadSavedAsUtf16(@TempDir Path dir) throws IOException {
        Path payload = dir.resolve("status-utf16.json");
        Files.write(payload, Files.readString(repo("test-payloads/status.json")).getBytes(StandardCharsets.UTF_16));

        Run run = cli("validate", payload.toString());

        assertRefusedWithoutStackTrace(run, payload, "0");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void validateConfig_exitsTwo_forAConfigInLatin1(@TempDir Path dir) throws IOException {
        Path config = latin1Copy(dir, "config/example.json", "\"orders-db\"", "\"orders-d\u00e9\"");
        int at = Files.readString(repo("config/example.json")).indexOf("\"orders-db\"") + "\"orders-d".length();

        assertRefusedWithoutStackTrace(cli("validate", "--config", config.toString()), config, Integer.toString(at));
    }

    @Test
    void invoke_exitsTwo_forAnEventPayloadConfigOrStateThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path config = repo("config/example.json");
        Path payload = repo("test-payloads/status.json");
        Path badPayload = latin1Copy(dir, "test-payloads/status.json", "status", "st\u00e9tus");
        Path badConfig = latin1Copy(dir, "config/example.json", "\"orders-db\"", "\"orders-d\u00e9\"");
        Path badState = dir.resolve("state.json");
        Files.write(badState, "{\"weights\":{},\"note\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

        for (List<String> args : List.of(
                List.of("invoke", "CutoverApi", badPayload.toString(), "--config", config.toString()),
                List.of("invoke", "CutoverApi", payload.toString(), "--config", badConfig.toString()),
                List.of("invoke", "CutoverApi", payload.toString(), "--config", config.toString(),
                        "--state", badState.toString()))) {
            Run run = cli(args.toArray(String[]::new));
            Path bad = args.contains(badPayload.toString()) ? badPayload
                    : args.contains(badConfig.toString()) ? badConfig : badState;

            assertRefusedWithoutStackTrace(run, bad, "");
            assertThat(run.out()).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void rehearse_refusesAnUnknownReplication_namingTheAllowedValues_beforeStartingAnything(@TempDir Path dir) {
        Run run = cli("rehearse", "--replication", "logical", "--report", dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(CutoverCli.INVALID_INPUT);
        assertThat(run.err()).contains("--replication: unknown replication 'logical'; expected one of [native, dms]");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void rehearse_refusesDmsOptions_withNativeReplication() {
        Run run = cli("rehearse", "--dms-apply-delay", "1");

        assertThat(run.exitCode()).isEqualTo(CutoverCli.INVALID_INPUT);
        assertThat(run.err()).contains("--dms-task-settings and --dms-apply-delay need --replication dms");
    }

    @Test
    void rehearse_refusesTaskSettingsThatAreNotValid_namingTheField(@TempDir Path dir) throws IOException {
        Path settings = Files.writeString(dir.resolve("settings.json"),
                "{\"ControlTablesSettings\": {\"StatusTableEnabled\": \"no\"}}");

        Run run = cli("rehearse", "--replication", "dms", "--dms-task-settings", settings.toString());

        assertThat(run.exitCode()).isEqualTo(CutoverCli.INVALID_INPUT);
        assertThat(run.err()).contains("--dms-task-settings: DMS task settings is invalid:",
                "ControlTablesSettings.StatusTableEnabled: got \"no\"; expected true or false");
    }

    @Test
    void rehearse_refusesANegativeApplyDelay_andDmsWithTheNaiveDesign() {
        Run negative = cli("rehearse", "--replication", "dms", "--dms-apply-delay", "-1");
        Run naive = cli("rehearse", "--replication", "dms", "--strategy", "naive-weighted");

        assertThat(negative.exitCode()).isEqualTo(CutoverCli.INVALID_INPUT);
        assertThat(negative.err()).contains("--dms-apply-delay: -1.0 is not a number of seconds >= 0");
        assertThat(naive.exitCode()).isEqualTo(CutoverCli.INVALID_INPUT);
        assertThat(naive.err()).contains("--replication dms: the naive-weighted reference design");
    }

    @Test
    void rehearseHelp_listsTheReplicationOptions() {
        Run run = cli("rehearse", "--help");

        assertThat(run.out()).contains("--replication=KIND", "--dms-task-settings=FILE.json",
                "--dms-apply-delay=SECONDS");
    }
}
