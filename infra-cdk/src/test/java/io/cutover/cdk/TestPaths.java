package io.cutover.cdk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /** The example deployment onto an Aurora cluster that already exists ({@code database.existingCluster}). */
    static Path existingClusterDeployConfig() {
        return module().resolve("deploy.existing-cluster.example.json");
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

    /**
     * A real PEM certificate standing in for the RDS CA bundle (which users download and the repository does
     * not hold): a self-signed CA certificate that the JDK's keytool generates on first use.
     */
    static synchronized Path caBundle() {
        Path pem = module().resolve("target/test-assets/ca-bundle-stand-in.pem");
        if (Files.isRegularFile(pem)) {
            return pem;
        }
        try {
            Files.createDirectories(pem.getParent());
            Path keystore = pem.resolveSibling("ca-bundle-stand-in.p12");
            Path exported = pem.resolveSibling("ca-bundle-stand-in.pem.partial");
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(exported);
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=cutover test CA (stand-in for the RDS global bundle)", "-ext", "bc:c",
                    "-validity", "3650", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", "stand-in", "-keypass", "stand-in");
            keytool("-exportcert", "-rfc", "-alias", "ca", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", "stand-in", "-file", exported.toString());
            Files.move(exported, pem, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
