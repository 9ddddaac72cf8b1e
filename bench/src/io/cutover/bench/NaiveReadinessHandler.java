package io.cutover.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The baseline: the same function written the way a first Lambda usually is. The same seven clients, each from
 * {@code XxxClient.create()}: the SDK's default HTTP client (Apache, found on the classpath), the default region
 * provider chain and the default credentials chain. Its invocation does the same work as ours for this event: read
 * the config from Parameter Store and ignore a task that is not ours.
 */
public final class NaiveReadinessHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SsmClient ssm = SsmClient.create();
    private final Route53Client route53 = Route53Client.create();
    private final DatabaseMigrationClient dms = DatabaseMigrationClient.create();
    private final CloudWatchClient cloudWatch = CloudWatchClient.create();
    private final RdsClient rds = RdsClient.create();
    private final SfnClient sfn = SfnClient.create();
    private final SecretsManagerClient secrets = SecretsManagerClient.create();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        String migrationId = System.getenv("MIGRATION_ID");
        String config = ssm.getParameter(r -> r.name("/cutover/" + migrationId + "/config")).parameter().value();
        JsonNode tasks = JSON.readTree(config).path("replication").path("dmsTaskArns");
        String task = event.path("resources").path(0).asText();
        boolean ours = false;
        for (JsonNode arn : tasks) {
            ours |= arn.asText().equals(task);
        }
        String answer = ours ? "{\"outcome\":\"not_measured\"}" : "{\"outcome\":\"ignored\"}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
