package io.cutover.handlers.localstack;

import io.cutover.aws.AwsClients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What every LocalStack IT shares: one LocalStack container per test class (Route 53, SSM, Step Functions: all in
 * the community image), the project's own client factory pointed at it, and skipping the class where no Docker
 * engine runs. The image is pinned: LocalStack's behaviour changes between releases.
 *
 * <p>These ITs run against the shrunk Lambda jar like the others, and that jar keeps only the SDK operations the
 * functions call (lambda-jar.pro): CreateHostedZone, CreateStateMachine or ListExecutions are not in it. So the
 * SDK is reached only through the adapters under test; what a test sets up or checks on the side goes through
 * {@link #awslocal} (the AWS CLI inside the LocalStack container).
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocalStackAws {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:3.8.1");

    @Container
    final LocalStackContainer localStack = new LocalStackContainer(IMAGE).withServices(
            LocalStackContainer.Service.ROUTE53, LocalStackContainer.Service.SSM,
            LocalStackContainer.Service.STEPFUNCTIONS);
    AwsClients clients;

    @BeforeAll
    void buildClients() {
        clients = AwsClients.forEndpoint(localStack.getEndpoint(), Region.of(localStack.getRegion()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(localStack.getAccessKey(),
                        localStack.getSecretKey())));
    }

    @AfterAll
    void closeClients() {
        clients.close();
    }

    /** Runs {@code awslocal ARGS --region REGION --output text} in the container; its output, stripped. */
    String awslocal(String... args) {
        List<String> command = new ArrayList<>(List.of("awslocal"));
        command.addAll(List.of(args));
        command.addAll(List.of("--region", localStack.getRegion(), "--output", "text"));
        try {
            ExecResult result = localStack.execInContainer(command.toArray(String[]::new));
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + result.getExitCode()
                        + ": " + result.getStderr());
            }
            return result.getStdout().strip();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }
}
