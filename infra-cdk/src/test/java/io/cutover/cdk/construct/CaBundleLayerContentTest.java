package io.cutover.cdk.construct;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.DatabaseEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory the CA bundle layer is built from, staged at synthesis. */
class CaBundleLayerContentTest {
    // Staging copies bytes; whether they are certificates is the loader's check (DeploymentConfigLoaderTest).
    private static final byte[] BUNDLE = "bundle one\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path staging;

    @Test
    void stage_holdsOnlyTheBundle_whereLambdaExtractsItToTheSslRootCertPath() throws IOException {
        Path dir = CaBundleLayerContent.stage(BUNDLE, staging);

        assertThat(files(dir)).containsExactly("cutover/ca-bundle.pem");
        assertThat(CaBundleLayerContent.LAYER_ROOT.resolve(CaBundleLayerContent.PATH_IN_LAYER).toString())
                .isEqualTo(DatabaseEndpoint.LAMBDA_CA_BUNDLE);
        assertThat(Files.readAllBytes(dir.resolve("cutover/ca-bundle.pem"))).isEqualTo(BUNDLE);
        assertThat(dir).startsWith(staging);
        assertThat(files(staging)).as("no partial file left behind").containsExactly(
                staging.relativize(dir.resolve("cutover/ca-bundle.pem")).toString());
    }

    @Test
    void stage_makesTheBundleReadable_byTheUserLambdaRunsAs() throws IOException {
        Path dir = CaBundleLayerContent.stage(BUNDLE, staging);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cutover/ca-bundle.pem"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cutover"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void stage_reusesTheDirectoryOfTheSameBundle_andGivesAnotherBundleItsOwn() throws IOException {
        Path first = CaBundleLayerContent.stage(BUNDLE, staging);
        FileTime written = Files.getLastModifiedTime(first.resolve("cutover/ca-bundle.pem"));
        Files.setLastModifiedTime(first.resolve("cutover/ca-bundle.pem"), FileTime.fromMillis(0));

        Path again = CaBundleLayerContent.stage(BUNDLE, staging);
        Path other = CaBundleLayerContent.stage("bundle two\n".getBytes(StandardCharsets.US_ASCII), staging);

        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(again.resolve("cutover/ca-bundle.pem")))
                .as("not rewritten (was %s)", written).isEqualTo(FileTime.fromMillis(0));
        assertThat(other).isNotEqualTo(first);
        assertThat(files(first)).containsExactly("cutover/ca-bundle.pem");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).toList();
        }
    }
}
