package io.cutover.cli;

import io.cutover.core.config.ConfigValidationException;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import io.cutover.handlers.app.DatabaseSideFactory;
import io.cutover.handlers.app.PostgresDatabaseSides;
import io.cutover.local.LocalInvoker;
import io.cutover.local.LocalState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutover invoke FUNCTION EVENT.json --config CONFIG.json [--state STATE.json]}. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Run one Lambda handler in-process against local adapters that record every effect instead "
                + "of calling AWS. Prints the handler's answer and the ordered effects as JSON (exit 0), "
                + "or the error (exit 2 for bad input).")
final class InvokeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FUNCTION", description = "CutoverApi, ReadinessPoll, AlarmRollback or WorkflowTasks")
    String function;

    @Parameters(index = "1", paramLabel = "EVENT.json", description = "the payload or event to send")
    Path event;

    @Option(names = "--config", required = true, paramLabel = "CONFIG.json", description = "the cutover config")
    Path config;

    @Option(names = "--state", paramLabel = "STATE.json",
            description = "the starting world: weights, stored documents, lock, DMS task facts, alarm states")
    Path state;

    @Override
    public Integer call() throws IOException, InputFiles.Refused {
        if (!LocalInvoker.FUNCTIONS.contains(function)) {
            System.err.println("FUNCTION: unknown function '" + function + "'; expected one of " + LocalInvoker.FUNCTIONS);
            return CutoverCli.INVALID_INPUT;
        }
        String configJson = InputFiles.read(config, "config");
        String body = InputFiles.read(event, "input");
        String startJson = state == null ? null : InputFiles.read(state, "state");
        CutoverConfig parsed;
        try {
            parsed = CutoverConfigParser.parse(configJson);
        } catch (ConfigValidationException e) {
            return InputFiles.printInvalid(config, "config", e.problems());
        }
        LocalState start = startJson == null ? LocalState.empty() : Json.read(startJson, LocalState.class);
        boolean inlineLogins = parsed.databases().source().secretArn() == null;
        DatabaseSideFactory databases = inlineLogins ? PostgresDatabaseSides.inline() : LocalInvoker.unreachableDatabases();
        LocalInvoker.Invocation result = LocalInvoker.invoke(function, body, parsed, configJson, start,
                databases);
        if (result.invalidInput()) {
            System.err.println(Json.writePretty(result.report()));
            return CutoverCli.INVALID_INPUT;
        }
        System.out.println(Json.writePretty(result.report()));
        return result.report().has("error") ? 1 : 0;
    }
}
