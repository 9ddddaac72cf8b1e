package io.cutover.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds each AWS client once, on first use, and keeps it. Construction opens no connection and resolves no
 * credentials, so an instance made during Lambda init (and captured by a SnapStart snapshot) holds nothing that
 * must differ between restored environments: credentials are resolved per call by the SDK's provider chain,
 * connections are opened per call by the URLConnection client.
 *
 * <p>Retries: every client except Route 53 uses the SDK's standard strategy (3 attempts, jittered backoff).
 * Route 53 gets none from the SDK, because {@link Route53WeightedRecords} retries {@code Throttling} and
 * {@code PriorRequestNotComplete} itself within the caller's deadline; both layers together would multiply.
 */
public final class AwsClients implements AutoCloseable {

    /**
     * How clients are built.
     *
     * @param endpointOverride one endpoint for every service (a local stub); empty for the real AWS endpoints
     * @param maxAttempts      SDK attempts per call for every service except Route 53
     */
    public record Settings(Region region, Optional<URI> endpointOverride, AwsCredentialsProvider credentials,
                           Duration connectTimeout, Duration socketTimeout, Duration apiCallTimeout,
                           int maxAttempts) {
        public Settings {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(endpointOverride, "endpointOverride");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(socketTimeout, "socketTimeout");
            Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
            }
        }
    }

    private final Settings settings;
    private final SdkHttpClient http;
    private final Once<Route53Client> route53;
    private final Once<SsmClient> ssm;
    private final Once<DatabaseMigrationClient> dms;
    private final Once<CloudWatchClient> cloudWatch;
    private final Once<RdsClient> rds;
    private final Once<SfnClient> sfn;
    private final Once<SecretsManagerClient> secretsManager;

    public AwsClients(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        // One HTTP client shared by all service clients; the SDK does not close a client it was handed.
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.socketTimeout())
                .build();
        RetryStrategy standard = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts()).build();
        this.route53 = new Once<>(() -> configure(Route53Client.builder(), AwsRetryStrategy.doNotRetry()).build());
        this.ssm = new Once<>(() -> configure(SsmClient.builder(), standard).build());
        this.dms = new Once<>(() -> configure(DatabaseMigrationClient.builder(), standard).build());
        this.cloudWatch = new Once<>(() -> configure(CloudWatchClient.builder(), standard).build());
        this.rds = new Once<>(() -> configure(RdsClient.builder(), standard).build());
        this.sfn = new Once<>(() -> configure(SfnClient.builder(), standard).build());
        this.secretsManager = new Once<>(() -> configure(SecretsManagerClient.builder(), standard).build());
    }

    /** Lambda: the region from {@code AWS_REGION}, the default credential chain, the real endpoints. */
    public static AwsClients fromEnvironment() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set; it names the region every AWS client talks to");
        }
        return new AwsClients(new Settings(Region.of(region), Optional.empty(),
                DefaultCredentialsProvider.builder().build(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), 3));
    }

    /**
     * Every service at one endpoint (a local stub), with the given credentials, one attempt per call and short
     * timeouts; short, not tiny: a stub on a busy build machine can take a few seconds to answer its first call.
     */
    public static AwsClients forEndpoint(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new AwsClients(new Settings(region, Optional.of(endpoint), credentials,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 1));
    }

    public Settings settings() {
        return settings;
    }

    public Route53Client route53() {
        return route53.get();
    }

    public SsmClient ssm() {
        return ssm.get();
    }

    public DatabaseMigrationClient dms() {
        return dms.get();
    }

    public CloudWatchClient cloudWatch() {
        return cloudWatch.get();
    }

    public RdsClient rds() {
        return rds.get();
    }

    public SfnClient sfn() {
        return sfn.get();
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager.get();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                         RetryStrategy retry) {
        builder.region(settings.region())
                .credentialsProvider(settings.credentials())
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retry)
                        .apiCallTimeout(settings.apiCallTimeout())
                        .build());
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        closeIfBuilt(route53);
        closeIfBuilt(ssm);
        closeIfBuilt(dms);
        closeIfBuilt(cloudWatch);
        closeIfBuilt(rds);
        closeIfBuilt(sfn);
        closeIfBuilt(secretsManager);
        http.close();
    }

    /** Closes a client only if it was built: closing must not build what was never used. */
    private static void closeIfBuilt(Once<? extends AutoCloseable> client) {
        AutoCloseable c = client.ifBuilt();
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c.getClass().getSimpleName() + " failed", e);
            }
        }
    }
}
