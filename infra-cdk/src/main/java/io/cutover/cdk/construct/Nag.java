package io.cutover.cdk.construct;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, each with the reason it is acceptable here. Kept next to the resource they
 * concern so a reviewer reads the exception where the resource is defined.
 */
public final class Nag {
    private Nag() {
    }

    /** Suppresses a rule for a construct and everything under it. */
    public static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /**
     * Suppresses {@code AwsSolutions-IAM5} only for the wildcard findings matching the given patterns
     * (regular expressions over cdk-nag's {@code Resource::...} / {@code Action::...} finding ids), so any
     * other wildcard added later is still reported.
     */
    public static void allowWildcards(IConstruct construct, String reason, String... findingPatterns) {
        List<Object> appliesTo = java.util.Arrays.stream(findingPatterns)
                .<Object>map(p -> RegexAppliesTo.builder().regex("/" + p + "/").build())
                .toList();
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(appliesTo)
                        .build()), true);
    }
}
