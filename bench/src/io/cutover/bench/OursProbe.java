package io.cutover.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.cutover.handlers.ReadinessPollHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Our function as Lambda runs it, from the shaded jar only: the no-argument constructor (AwsWiring builds every
 * client from the environment), then one invocation. The environment points the SDK at the stub
 * (AWS_ENDPOINT_URL), as it would at AWS.
 *
 * <p>{@code init LAUNCHED_AT}: time to the first call served. {@code poll N}: N scheduled readiness polls in one
 * JVM, printing the stub's request counts after each.
 */
public final class OursProbe {
    private OursProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("init")) {
            long launchedAt = Long.parseLong(args[1]);
            RequestStreamHandler handler = new ReadinessPollHandler();
            long initDoneAt = System.currentTimeMillis();
            String answer = invoke(handler, ProbeReport.FOREIGN_DMS_EVENT);
            long firstServedAt = System.currentTimeMillis();
            ProbeReport.print("ours", launchedAt, initDoneAt, firstServedAt, ProbeReport.outcomeOf(answer));
        } else {
            int polls = Integer.parseInt(args[1]);
            String admin = System.getenv("AWS_ENDPOINT_URL") + "/__bench/";
            RequestStreamHandler handler = new ReadinessPollHandler();
            for (int i = 1; i <= polls; i++) {
                call(admin + "reset", "POST");
                String answer = invoke(handler, ProbeReport.SCHEDULED_EVENT);
                System.out.println("BENCH-POLL poll=" + i + " outcome=" + ProbeReport.outcomeOf(answer) + " counts="
                        + call(admin + "counts", "GET"));
            }
        }
    }

    private static String invoke(RequestStreamHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String call(String url, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
