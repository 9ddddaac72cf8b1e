package io.cutover.handlers.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes statemachine/cutover.asl.json from {@link CutoverWorkflow}: {@code ./build asl}. The file stays committed
 * because the CDK app and the local interpreter read it; CutoverWorkflowTest fails when it is out of date.
 */
public final class WriteAsl {
    /** Relative to the repository root, where ./build runs. */
    static final Path DEFINITION = Path.of("statemachine", "cutover.asl.json");

    private WriteAsl() {
    }

    /** Arguments: the file to write, statemachine/cutover.asl.json by default. */
    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : DEFINITION;
        String asl = AslJson.write(CutoverWorkflow.toJson());
        if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(asl)) {
            System.out.println("unchanged: " + target);
            return;
        }
        Files.writeString(target, asl, StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }
}
