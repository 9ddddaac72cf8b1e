package io.cutover.handlers.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The LocalStack ITs belong to every build (./build test): compiled with the other tests, so an adapter change that
 * breaks them breaks the build, and skipped, not failed, where no Docker engine runs.
 */
class LocalStackItsTest {
    @Test
    void everyLocalStackIt_isCompiledByTheDefaultBuild_andSkippedWithoutDocker() {
        List<Class<?>> its = List.of(Route53WeightedRecordsLocalStackIT.class, SsmParameterStoreLocalStackIT.class,
                StepFunctionsWorkflowStarterLocalStackIT.class);

        assertThat(its).allSatisfy(it -> assertThat(it.getAnnotation(Testcontainers.class)).as(it.getSimpleName())
                .isNotNull().extracting(Testcontainers::disabledWithoutDocker).isEqualTo(true));
    }
}
