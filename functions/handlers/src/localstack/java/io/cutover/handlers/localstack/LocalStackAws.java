package io.cutover.handlers.localstack;

import io.cutover.aws.AwsClients;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One LocalStack container per test class (Route 53, SSM, Step Functions: all in the community image) and the
 * project's own client factory pointed at it. The image is pinned: LocalStack's behaviour changes between releases.
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
}
