package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.cdk.config.DeploymentConfigException;
import io.cutover.cdk.config.DeploymentConfigLoader;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** The app as {@code cdk synth} runs it: context in, stacks or a clear error out. */
class CutoverAppIT {
    private static final Path VARIANTS = TestPaths.module().resolve("target/test-variants");

    @TempDir
    Path out;

    @Test
    void build_createsTheDataAndControlStacks_namedAfterTheMigration() {
        App app = Synthesized.app(TestPaths.exampleDeployConfig());

        CutoverStacks stacks = CutoverApp.build(app);

        assertThat(stacks.data().getStackName()).isEqualTo("cutover-orders-db-data");
        assertThat(stacks.control().getStackName()).isEqualTo("cutover-orders-db-control");
        assertThat(stacks.control().getDependencies()).contains(stacks.data());
    }

    @Test
    void build_failsNamingTheField_whenTheConfigIsInvalid() {
        Path bad = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "database").put("backtrackWindowSeconds", 3600))
                .writeTo(VARIANTS, "backtrack-on-postgresql");
        App app = Synthesized.app(bad);

        assertThatThrownBy(() -> CutoverApp.build(app))
                .isInstanceOf(DeploymentConfigException.class)
                .hasMessageContaining("database.backtrackWindowSeconds");
    }

    @Test
    void build_failsWithTheBuildHint_whenTheJarIsMissing() {
        App app = new App(AppProps.builder()
                .context(Map.of(CutoverApp.DEPLOY_CONFIG, TestPaths.exampleDeployConfig().toString(),
                        CutoverApp.FUNCTIONS_JAR, out.resolve("cutover-functions.jar").toString(),
                        CutoverApp.STATE_MACHINE_ASL, TestPaths.stateMachine().toString(),
                        CutoverApp.CA_BUNDLE, TestPaths.caBundle().toString()))
                .outdir(out.toString())
                .build());

        assertThatThrownBy(() -> CutoverApp.build(app))
                .hasMessageContaining("functionsJar (CDK context)")
                .hasMessageContaining("run ./build package first");
    }

    @Test
    void build_failsWithTheDownloadCommand_whenTheCaBundleIsMissing() {
        // GIVEN the example, whose databases are verified (verify-full), with a CA bundle that is not there
        Path missing = out.resolve(DeploymentConfigLoader.RDS_GLOBAL_BUNDLE_FILE);
        App app = new App(AppProps.builder()
                .context(Map.of(CutoverApp.DEPLOY_CONFIG, TestPaths.exampleDeployConfig().toString(),
                        CutoverApp.FUNCTIONS_JAR, TestPaths.functionsJar().toString(),
                        CutoverApp.STATE_MACHINE_ASL, TestPaths.stateMachine().toString(),
                        CutoverApp.CA_BUNDLE, missing.toString()))
                .outdir(out.toString())
                .build());

        // THEN the app stops naming the context key and how to get Amazon's bundle
        assertThatThrownBy(() -> CutoverApp.build(app))
                .isInstanceOf(DeploymentConfigException.class)
                .hasMessageContaining("caBundle (CDK context)")
                .hasMessageContaining("curl -fsSL -o " + missing + " " + DeploymentConfigLoader.RDS_GLOBAL_BUNDLE_URL);
    }

    @Test
    void main_exitsWithStatus1_andPrintsTheProblem_whenTheConfigIsInvalid() throws Exception {
        // GIVEN a cutover config whose reader steps stop short of 100
        Path bad = ConfigVariant.ofExample()
                .cutover(c -> c.putArray("readerSteps").add(25).add(50))
                .writeTo(VARIANTS, "steps-not-100");

        // WHEN the app runs the way the CDK CLI runs it (context in CDK_CONTEXT_JSON)
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CutoverApp.class.getName());
        pb.environment().put("CDK_CONTEXT_JSON", Json.write(Map.of(CutoverApp.DEPLOY_CONFIG, bad.toString(),
                CutoverApp.FUNCTIONS_JAR, TestPaths.functionsJar().toString(),
                CutoverApp.STATE_MACHINE_ASL, TestPaths.stateMachine().toString(),
                CutoverApp.CA_BUNDLE, TestPaths.caBundle().toString())));
        pb.environment().put("CDK_OUTDIR", out.toString());
        pb.redirectErrorStream(true);
        Process process = pb.start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        String output = read(process);

        // THEN it stops before synthesizing, naming the field
        assertThat(finished).as("app finished within 180 s").isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("cutover-cdk:").contains("readerSteps").contains("ending at 100");
        assertThat(Files.exists(out.resolve("manifest.json"))).isFalse();
    }

    private static String read(Process process) throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

}
