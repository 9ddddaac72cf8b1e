package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AWS Solutions pack finds nothing unsuppressed in either stack of the example deployment.
 * Every suppression is made through {@code io.cutover.cdk.construct.Nag}, which requires a reason.
 */
class CdkNagIT {

    @Test
    void awsSolutions_reportsNoErrors_inEitherStack() {
        // GIVEN the example deployment synthesized with AwsSolutionsChecks
        Synthesized synth = Synthesized.example();

        // WHEN the errors cdk-nag attached are collected
        List<String> errors = findings(synth, true);

        // THEN there are none
        assertThat(errors).isEmpty();
    }

    @Test
    void awsSolutions_reportsNoWarnings_inEitherStack() {
        Synthesized synth = Synthesized.example();

        List<String> warnings = findings(synth, false);

        assertThat(warnings).isEmpty();
    }

    @Test
    void cdk_leavesNoUnacknowledgedWarningOrError_inEitherStack() {
        // GIVEN the example deployment
        Synthesized synth = Synthesized.example();

        // WHEN every warning and error annotation (CDK's own as well as cdk-nag's) is collected
        List<String> messages = allWarningsAndErrors(synth);

        // THEN there are none: each one CDK raises is either fixed or acknowledged with a reason in code
        assertThat(messages).isEmpty();
    }

    @Test
    void suppressions_carryTheirReasons_inTheTemplate() {
        // GIVEN the synthesized templates
        Synthesized synth = Synthesized.example();

        // WHEN every cdk-nag suppression recorded in resource metadata is read
        List<Map<String, Object>> suppressions = Stream.of(synth.data(), synth.control())
                .flatMap(t -> t.toJSON().get("Resources") instanceof Map<?, ?> resources
                        ? resources.values().stream() : Stream.empty())
                .map(r -> (Map<?, ?>) r)
                .filter(r -> r.get("Metadata") instanceof Map<?, ?> m && m.containsKey("cdk_nag"))
                .flatMap(r -> ((List<?>) ((Map<?, ?>) ((Map<?, ?>) r.get("Metadata")).get("cdk_nag"))
                        .get("rules_to_suppress")).stream())
                .map(s -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> suppression = (Map<String, Object>) s;
                    return suppression;
                })
                .toList();

        // THEN there are some, and each says why in more than a word or two
        assertThat(suppressions).isNotEmpty();
        assertThat(suppressions).allSatisfy(s -> {
            assertThat(s.get("id").toString()).startsWith("AwsSolutions-");
            assertThat(s.get("reason").toString()).hasSizeGreaterThan(40);
        });
    }

    static List<String> allWarningsAndErrors(Synthesized synth) {
        return Stream.of(synth.dataAnnotations(), synth.controlAnnotations())
                .flatMap(a -> Stream.concat(a.findWarning("*", Match.anyValue()).stream(),
                        a.findError("*", Match.anyValue()).stream()))
                .map(m -> m.getId() + " " + m.getEntry().getData())
                .toList();
    }

    static List<String> findings(Synthesized synth, boolean errors) {
        return Stream.of(synth.dataAnnotations(), synth.controlAnnotations())
                .flatMap(a -> find(a, errors).stream())
                .map(m -> m.getId() + " " + m.getEntry().getData())
                .toList();
    }

    private static List<SynthesisMessage> find(Annotations annotations, boolean errors) {
        return errors ? annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }
}
