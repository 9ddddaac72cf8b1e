package io.cutover.cli;

import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.request.CutoverRequest;
import io.cutover.core.request.RequestParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutover validate FILE.json}: checks a payload (or with --config, a cutover config) before it is used. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate an invoke payload and print the normalized request (exit 0), or the errors on stderr "
                + "(exit 2). With --config, validate a cutover config instead.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.json", description = "the payload (or config) to check")
    Path file;

    @Option(names = "--config", description = "FILE is a cutover config, not a payload")
    boolean config;

    @Override
    public Integer call() throws IOException, InputFiles.Refused {
        String kind = config ? "config" : "payload";
        String body = InputFiles.read(file, kind);
        try {
            if (config) {
                CutoverConfigParser.parse(body);
                System.out.println("config " + file + " is valid");
            } else {
                CutoverRequest request = RequestParser.parse(body);
                System.out.println(Json.writePretty(request));
            }
            return 0;
        } catch (InvalidDocumentException e) {
            return InputFiles.printInvalid(file, kind, e.problems());
        }
    }
}
