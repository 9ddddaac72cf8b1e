package io.cutover.handlers.workflow;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The references and intrinsic functions the workflow writes in more than one state. */
final class JsonPaths {
    /** From the execution input, which every state passes on (results are put beside it, never over it). */
    static final String MIGRATION_ID = "$.migrationId";
    /** From the context object: the execution's name, which is also the lock owner. */
    static final String EXECUTION_NAME = "$$.Execution.Name";
    /** From the context object, inside a Map: the item of this iteration. */
    static final String MAP_ITEM = "$$.Map.Item.Value";

    private JsonPaths() {
    }

    /** {@code States.Format('template', args...)}: one {} per argument, checked here rather than at run time. */
    static String format(String template, String... paths) {
        int placeholders = template.split("\\{}", -1).length - 1;
        if (placeholders != paths.length) {
            throw new IllegalArgumentException(placeholders + " {} in '" + template + "' but " + paths.length
                    + " arguments");
        }
        // In an intrinsic's string literal a quote or backslash is written with a backslash before it.
        String literal = template.replace("\\", "\\\\").replace("'", "\\'");
        return Stream.concat(Stream.of("'" + literal + "'"), Stream.of(paths))
                .collect(Collectors.joining(", ", "States.Format(", ")"));
    }

    static String arrayLength(String path) {
        return "States.ArrayLength(" + path + ")";
    }
}
