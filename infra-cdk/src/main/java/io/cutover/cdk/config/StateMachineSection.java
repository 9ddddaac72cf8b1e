package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.NON_BLANK;
import static io.cutover.cdk.config.CommonFields.configuredPath;
import static io.cutover.cdk.config.CommonFields.fieldName;
import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.read;
import static io.cutover.cdk.config.CommonFields.retention;
import static io.cutover.cdk.config.DeploymentConfigLoader.ASL_SUBSTITUTIONS;
import static io.cutover.cdk.config.DeploymentConfigLoader.DEFAULT_STATE_MACHINE;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.config.DeploymentConfig.StateMachine;
import io.cutover.cdk.config.DeploymentConfigLoader.Overrides;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code stateMachine}: the ASL definition, read at load time so synthesis inlines it; it must be an ASL document
 * whose only {@code ${...}} placeholders are the ones this app substitutes.
 */
final class StateMachineSection {
    private static final Pattern ASL_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private StateMachineSection() {
    }

    static StateMachine parse(JsonFields f, Obj sm, Path base, Overrides overrides) {
        if (sm == null) {
            return null;
        }
        String text = sm.optionalText("definition", NON_BLANK, "the path of the ASL definition", DEFAULT_STATE_MACHINE);
        Path path = configuredPath(overrides.stateMachineDefinition(), text, base);
        String field = fieldName(overrides.stateMachineDefinition(), "stateMachineAsl", "stateMachine.definition");
        Long logs = retention(f, sm, 90);
        String asl = null;
        if (path != null) {
            if (!Files.isRegularFile(path)) {
                f.report(field, "\"" + path + "\"", "an existing ASL file (statemachine/cutover.asl.json)");
            } else {
                asl = readAsl(f, field, path);
            }
        }
        return new StateMachine(path, asl, intValue(logs));
    }

    private static String readAsl(JsonFields f, String field, Path path) {
        String asl = read(path, "state machine definition " + path);
        JsonNode tree;
        try {
            tree = Json.parseTree(asl, "state machine definition");
        } catch (InvalidDocumentException e) {
            f.report(field, "\"" + path + "\"", "a JSON ASL document: " + e.getMessage());
            return null;
        }
        if (!tree.path("StartAt").isTextual() || !tree.path("States").isObject()) {
            f.report(field, "\"" + path + "\"", "an ASL document with StartAt and States");
        }
        Set<String> unknown = new TreeSet<>();
        Matcher m = ASL_PLACEHOLDER.matcher(asl);
        while (m.find()) {
            if (!ASL_SUBSTITUTIONS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            f.report(field, "placeholders " + unknown, "only the substitutions " + new TreeSet<>(ASL_SUBSTITUTIONS)
                    + " (anything else would reach Step Functions unresolved)");
        }
        return asl;
    }
}
