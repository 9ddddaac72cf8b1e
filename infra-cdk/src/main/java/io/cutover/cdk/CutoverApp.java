package io.cutover.cdk;

import io.cutover.cdk.config.DeploymentConfig;
import io.cutover.cdk.config.DeploymentConfigLoader;
import io.cutover.cdk.config.DeploymentConfigLoader.Overrides;
import io.cutover.core.json.InvalidDocumentException;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.constructs.Node;

/**
 * The CDK app. Context (all optional, {@code cdk synth -c key=value}):
 * <ul>
 *   <li>{@code deployConfig}: the deployment config, default {@code deploy.example.json};</li>
 *   <li>{@code functionsJar}: overrides {@code functions.jar};</li>
 *   <li>{@code stateMachineAsl}: overrides {@code stateMachine.definition};</li>
 *   <li>{@code caBundle}: overrides {@code functions.caBundle}.</li>
 * </ul>
 * Paths given in context are relative to the working directory (the module directory under {@code cdk}).
 */
public final class CutoverApp {
    public static final String DEPLOY_CONFIG = "deployConfig";
    public static final String FUNCTIONS_JAR = "functionsJar";
    public static final String STATE_MACHINE_ASL = "stateMachineAsl";
    public static final String CA_BUNDLE = "caBundle";
    public static final String DEFAULT_DEPLOY_CONFIG = "deploy.example.json";
    static final String CROSS_STACK_REFERENCES = "@aws-cdk/core:defaultCrossStackReferences";

    private CutoverApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            build(app);
        } catch (InvalidDocumentException e) {
            System.err.println("cutover-cdk: " + e.getMessage());
            System.exit(1);
        }
        app.synth();
    }

    /** Loads the deployment config named in the app's context and adds the stacks. */
    public static CutoverStacks build(App app) {
        Node node = app.getNode();
        if (node.tryGetContext(CROSS_STACK_REFERENCES) == null) {
            // Same-region references are Fn::ImportValue whatever this says; stating it silences CDK's warning.
            node.setContext(CROSS_STACK_REFERENCES, "strong");
        }
        DeploymentConfig config = DeploymentConfigLoader.load(
                Path.of(context(node, DEPLOY_CONFIG, DEFAULT_DEPLOY_CONFIG)),
                new Overrides(optionalPath(node, FUNCTIONS_JAR), optionalPath(node, STATE_MACHINE_ASL),
                        optionalPath(node, CA_BUNDLE)));
        return CutoverStacks.create(app, config);
    }

    private static String context(Node node, String key, String defaultValue) {
        Object value = node.tryGetContext(key);
        return value == null ? defaultValue : value.toString();
    }

    private static Path optionalPath(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null ? null : Path.of(value.toString());
    }
}
