package io.cutover.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * One synthesized app per deployment config, shared by every test class in the JVM (synthesis costs
 * seconds). cdk-nag's AwsSolutions checks are added before anything is synthesized, as they must be.
 */
record Synthesized(CutoverStacks stacks, Template data, Template control, Annotations dataAnnotations,
                   Annotations controlAnnotations) {

    private static final Map<Path, Synthesized> CACHE = new ConcurrentHashMap<>();

    static Synthesized example() {
        return of(TestPaths.exampleDeployConfig());
    }

    static synchronized Synthesized of(Path deployConfig) {
        return CACHE.computeIfAbsent(deployConfig.toAbsolutePath().normalize(), Synthesized::synthesize);
    }

    static App app(Path deployConfig) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(CutoverApp.DEPLOY_CONFIG, deployConfig.toString());
        context.put(CutoverApp.FUNCTIONS_JAR, TestPaths.functionsJar().toString());
        context.put(CutoverApp.STATE_MACHINE_ASL, TestPaths.stateMachine().toString());
        if (deployConfig.toAbsolutePath().normalize().equals(TestPaths.exampleDeployConfig().toAbsolutePath().normalize())) {
            // The example names rds-global-bundle.pem, which users download; variants (ConfigVariant) carry the
            // stand-in themselves, or no bundle at all, which an override here would hide.
            context.put(CutoverApp.CA_BUNDLE, TestPaths.caBundle().toString());
        }
        String name = deployConfig.getFileName().toString().replace(".json", "");
        return new App(AppProps.builder()
                .context(context)
                .outdir(TestPaths.module().resolve("target/cdk-test-out/" + name).toString())
                .analyticsReporting(false)
                .build());
    }

    private static Synthesized synthesize(Path deployConfig) {
        App app = app(deployConfig);
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        CutoverStacks stacks = CutoverApp.build(app);
        return new Synthesized(stacks, Template.fromStack(stacks.data()), Template.fromStack(stacks.control()),
                Annotations.fromStack(stacks.data()), Annotations.fromStack(stacks.control()));
    }
}
