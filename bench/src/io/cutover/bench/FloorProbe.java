package io.cutover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The floor, from the same Lambda jar as ours: the least any function can do for this call. One SSM client (the
 * URLConnection client, region from the environment, the default credential chain), one ObjectMapper, one
 * GetParameter, and the same decision on the event; no validation, no logging, no other wiring. What ours spends
 * above it is its own; what the floor spends is the JVM, TLS set-up, Jackson and the SDK.
 */
public final class FloorProbe {
    private FloorProbe() {
    }

    public static void main(String[] args) throws IOException {
        long launchedAt = Long.parseLong(args[0]);
        ObjectMapper json = new ObjectMapper();
        SsmClient ssm = SsmClient.builder().region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
        long initDoneAt = System.currentTimeMillis();
        JsonNode event = json.readTree(ProbeReport.FOREIGN_DMS_EVENT);
        String config = ssm.getParameter(r -> r.name("/cutover/" + System.getenv("MIGRATION_ID") + "/config"))
                .parameter().value();
        boolean ours = false;
        for (JsonNode arn : json.readTree(config).path("replication").path("dmsTaskArns")) {
            ours |= arn.asText().equals(event.path("resources").path(0).asText());
        }
        long firstServedAt = System.currentTimeMillis();
        ProbeReport.print("floor", launchedAt, initDoneAt, firstServedAt, ours ? "not_measured" : "ignored");
    }
}
