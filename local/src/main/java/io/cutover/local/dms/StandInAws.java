package io.cutover.local.dms;

import io.cutover.aws.AwsClients;
import io.cutover.aws.DmsCloudWatchProbe;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The production DMS adapter, {@link DmsCloudWatchProbe}, on real SDK clients whose endpoint is the stand-in's:
 * what the handlers run in Lambda, reaching the local task instead of AWS.
 */
public final class StandInAws implements AutoCloseable {
    private final DmsApi api;
    private final AwsClients clients;
    private final DmsCloudWatchProbe probe;

    /** @param tasks every task the endpoint serves (the forward one, and the reverse one where provisioned) */
    public StandInAws(DmsStandIn... tasks) {
        this.api = DmsApi.start(tasks);
        this.clients = AwsClients.forEndpoint(api.endpoint(), Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALDMS", "local-dms-secret")));
        this.probe = new DmsCloudWatchProbe(clients::dms, clients::cloudWatch, Clock.systemUTC(),
                Duration.ofMinutes(1));
    }

    public DmsCloudWatchProbe probe() {
        return probe;
    }

    public DmsApi api() {
        return api;
    }

    @Override
    public void close() {
        clients.close();
        api.close();
    }
}
