package io.cutover.handlers.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflow's code throws only classes of this package: a JDK exception thrown there would reach the state
 * machine as an errorType no Catch names and no document lists.
 */
class NoJdkErrorTypesTest {
    private static final Pattern JDK_THROW = Pattern.compile(
            "throw new (IllegalStateException|IllegalArgumentException|RuntimeException|UnsupportedOperationException"
                    + "|NullPointerException)\\(");

    @Test
    void noWorkflowTaskOrService_throwsAJdkException() throws IOException {
        Path main = Path.of("src/main/java/io/cutover/handlers");
        List<String> offenders;
        try (Stream<Path> files = Stream.of("tasks", "app").map(main::resolve)
                .flatMap(NoJdkErrorTypesTest::javaFiles)) {
            offenders = files.flatMap(NoJdkErrorTypesTest::jdkThrows).toList();
        }

        assertThat(offenders).isEmpty();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> jdkThrows(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> JDK_THROW.matcher(lines.get(i)).find())
                    .mapToObj(i -> file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
