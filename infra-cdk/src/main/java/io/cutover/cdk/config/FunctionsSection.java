package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.NON_BLANK;
import static io.cutover.cdk.config.CommonFields.configuredPath;
import static io.cutover.cdk.config.CommonFields.fieldName;
import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.retention;
import static io.cutover.cdk.config.DeploymentConfigLoader.DEFAULT_FUNCTIONS_JAR;

import io.cutover.cdk.config.DeploymentConfig.Functions;
import io.cutover.cdk.config.DeploymentConfigLoader.Overrides;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code functions}: the jar, memory, timeout and log retention of the Lambda functions, and their CA bundle
 * ({@link CaBundleSection}).
 */
final class FunctionsSection {
    /** Lambda's maximum timeout, 15 minutes. */
    private static final int MAX_LAMBDA_TIMEOUT_SECONDS = 900;

    private FunctionsSection() {
    }

    static Functions parse(JsonFields f, Obj fn, Path base, Overrides overrides, CutoverConfig cutover,
                           Path cutoverFile) {
        if (fn == null) {
            return null;
        }
        String jarText = fn.optionalText("jar", NON_BLANK, "the path of the shaded functions jar", DEFAULT_FUNCTIONS_JAR);
        Path jar = configuredPath(overrides.functionsJar(), jarText, base);
        String jarField = fieldName(overrides.functionsJar(), "functionsJar", "functions.jar");
        if (jar != null && !Files.isRegularFile(jar)) {
            f.report(jarField, "\"" + jar + "\"", "an existing jar file: run ./build package first");
        }
        int minTimeout = Math.min(cutover.drainTimeoutSeconds() + 60, MAX_LAMBDA_TIMEOUT_SECONDS);
        Long memory = fn.optionalInteger("memoryMb", 512, 10_240, 1536);
        Long timeout = fn.optionalInteger("workflowTasksTimeoutSeconds", 60, MAX_LAMBDA_TIMEOUT_SECONDS,
                MAX_LAMBDA_TIMEOUT_SECONDS);
        if (timeout != null && timeout < minTimeout) {
            f.report("functions.workflowTasksTimeoutSeconds", Long.toString(timeout),
                    "at least " + minTimeout + ": the cutover config's drainTimeoutSeconds ("
                            + cutover.drainTimeoutSeconds() + ") plus a minute, or the drain task is killed mid-wait");
        }
        Long logs = retention(f, fn, 30);
        CaBundleSection.CaBundle caBundle = CaBundleSection.parse(f, fn, base, overrides, cutover, cutoverFile);
        return new Functions(jar, intValue(memory), intValue(timeout), intValue(logs),
                caBundle == null ? null : caBundle.file(), caBundle == null ? null : caBundle.pem());
    }
}
