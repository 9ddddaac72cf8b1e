package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** cutover.asl.json passes asl-validator 4.0.0, and the validator does catch a broken copy: the build's guard. */
class CutoverAslValidationIT {
    private static StateMachineHome home;
    private static AslValidator validator;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        home = StateMachineHome.locate();
        home.requireInstalledPackages();
        validator = new AslValidator(home, NodeRuntime.locate(home));
    }

    @Test
    void shippedDefinition_isValid() throws Exception {
        AslValidator.Verdict verdict = validator.validate(home.definition());

        assertThat(verdict.exitCode()).as(verdict.output()).isZero();
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                Arguments.of("a Next to a state that does not exist", (Consumer<ObjectNode>) states ->
                        ((ObjectNode) states.get("FenceSource")).put("Next", "SwitchCheckz")),
                Arguments.of("a Task without a Resource", (Consumer<ObjectNode>) states ->
                        ((ObjectNode) states.get("FenceSource")).remove("Resource")),
                Arguments.of("a ResultPath that is not a path", (Consumer<ObjectNode>) states ->
                        ((ObjectNode) states.get("SwitchWriter")).put("ResultPath", "switch")),
                Arguments.of("an unknown state type", (Consumer<ObjectNode>) states ->
                        ((ObjectNode) states.get("IsWatchDone")).put("Type", "Decide")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void brokenCopy_isRejected(String breakage, Consumer<ObjectNode> breakStates) throws Exception {
        // GIVEN the shipped definition with one thing broken
        JsonNode definition = Jackson.MAPPER.readTree(home.definition().toFile());
        breakStates.accept((ObjectNode) definition.get("States"));
        Path broken = dir.resolve("broken.asl.json");
        Files.writeString(broken, definition.toPrettyString());

        // WHEN
        AslValidator.Verdict verdict = validator.validate(broken);

        // THEN
        assertThat(verdict.exitCode()).as(verdict.output()).isEqualTo(1);
    }
}
