package io.cutover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator command {@code ./cutover}. */
@Command(name = "cutover", mixinStandardHelpOptions = true, version = "cutover 0.1.0",
        description = "Cutover automation for PostgreSQL to Amazon Aurora migrations.",
        subcommands = {ValidateCommand.class, InvokeCommand.class, RehearseCommand.class})
public final class CutoverCli implements Runnable {
    /** Exit code for input the tool refuses: a bad payload, event or config. */
    static final int INVALID_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        io.cutover.handlers.JsonLog.sendTo(System.err);
        return new CommandLine(new CutoverCli())
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    if (error instanceof InputFiles.Refused refused) {
                        return refused.print();
                    }
                    throw error;
                })
                .execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
