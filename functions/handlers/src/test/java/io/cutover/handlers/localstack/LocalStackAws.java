package io.cutover.handlers.localstack;

import io.cutover.aws.AwsClients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One LocalStack container per test class (Route 53, SSM, Step Functions: all in the community image) and the
 * project's own client factory pointed at it. The image is pinned: LocalStack's behaviour changes between releases.
 *
 * <p>These ITs run against the shrunk Lambda jar like the others, and that jar keeps only the SDK operations the
 * functions call (lambda-jar.pro): CreateHostedZone, CreateStateMachine or ListExecutions are not in it. So the
 * SDK is reached only through the adapters under test; what a test sets up or checks on the side goes through
 * {@link #awslocal} (the AWS CLI inside the LocalStack container).
 */
final class LocalStackAws {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:3.8.1");

    private LocalStackAws() {
    }

    static LocalStackContainer container() {
        return new LocalStackContainer(IMAGE).withServices(LocalStackContainer.Service.ROUTE53,
                LocalStackContainer.Service.SSM, LocalStackContainer.Service.STEPFUNCTIONS);
    }

    static AwsClients clients(LocalStackContainer localStack) {
        return AwsClients.forEndpoint(localStack.getEndpoint(), Region.of(localStack.getRegion()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(localStack.getAccessKey(),
                        localStack.getSecretKey())));
    }

    /** Runs {@code awslocal ARGS --region REGION --output text} in the container; its output, stripped. */
    static String awslocal(LocalStackContainer localStack, String... args) {
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
