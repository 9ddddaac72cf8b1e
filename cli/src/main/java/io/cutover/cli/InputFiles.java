package io.cutover.cli;

import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Problem;
import io.cutover.core.json.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Files named on the command line (payloads, events, configs, states), read as the functions read their input:
 * UTF-8 only, the first bad byte named. A file that is not UTF-8 ends the command with {@link Refused}, which
 * {@link CutoverCli} prints like any invalid document and answers with exit code 2, without a stack trace.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** @param kind what the file is to the command ("payload", "config", ...), for the message */
    static String read(Path file, String kind) throws IOException, Refused {
        try {
            return Utf8.decode(Files.readAllBytes(file), kind);
        } catch (InvalidDocumentException e) {
            throw new Refused(file, kind, e.problems());
        }
    }

    /** Prints {@code FILE: invalid KIND} and each problem on stderr; returns the exit code for refused input. */
    static int printInvalid(Path file, String kind, List<Problem> problems) {
        System.err.println(file + ": invalid " + kind);
        problems.forEach(problem -> System.err.println("  " + problem.message()));
        return CutoverCli.INVALID_INPUT;
    }

    /** A file the command cannot use at all. */
    static final class Refused extends Exception {
        private final transient Path file;
        private final String kind;
        private final transient List<Problem> problems;

        Refused(Path file, String kind, List<Problem> problems) {
            super(file + ": invalid " + kind, null, false, false);
            this.file = file;
            this.kind = kind;
            this.problems = List.copyOf(problems);
        }

        int print() {
            return printInvalid(file, kind, problems);
        }
    }
}
