package io.cutover.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The naive baseline, from its own classpath (bench/target/naive-lib): constructed, then invoked once. */
public final class BaselineProbe {
    private BaselineProbe() {
    }

    public static void main(String[] args) throws IOException {
        long launchedAt = Long.parseLong(args[0]);
        RequestStreamHandler handler = new NaiveReadinessHandler();
        long initDoneAt = System.currentTimeMillis();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(ProbeReport.FOREIGN_DMS_EVENT.getBytes(StandardCharsets.UTF_8)),
                out, null);
        long firstServedAt = System.currentTimeMillis();
        ProbeReport.print("baseline", launchedAt, initDoneAt, firstServedAt,
                ProbeReport.outcomeOf(out.toString(StandardCharsets.UTF_8)));
    }
}
