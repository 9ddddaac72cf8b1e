package io.cutover.cdk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files the tests share; none depends on other modules having been built. */
final class TestPaths {
    private TestPaths() {
    }

    /** The infra-cdk module directory (Maven runs tests from it). */
    static Path module() {
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isRegularFile(cwd.resolve("deploy.example.json")) ? cwd : cwd.resolve("infra-cdk");
    }

    static Path repository() {
        return module().getParent();
    }

    static Path exampleDeployConfig() {
        return module().resolve("deploy.example.json");
    }

    static Path exampleCutoverConfig() {
        return repository().resolve("config/example.json");
    }

    /**
     * The state machine the tests synthesize: the real one once it exists, else a minimal definition
     * with both placeholders. Either must pass the same checks.
     */
    static Path stateMachine() {
        Path real = repository().resolve("statemachine/cutover.asl.json");
        return Files.isRegularFile(real) ? real : module().resolve("src/test/resources/statemachine/minimal.asl.json");
    }

    /** A tiny jar standing in for the shaded functions jar, so tests never need the handlers built. */
    static synchronized Path functionsJar() {
        Path jar = module().resolve("target/test-assets/cutover-functions-stand-in.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
