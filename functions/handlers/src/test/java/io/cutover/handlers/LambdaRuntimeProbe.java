package io.cutover.handlers;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for the Lambda runtime in a JVM of its own (see {@link LambdaJarIT}): builds the named handler with its
 * no-argument constructor, as the runtime does, then invokes it once per event file. Prints one line per
 * invocation: {@code ANSWER <json>}, or {@code ERROR <errorType>: <message>} where Lambda would report an error.
 */
public final class LambdaRuntimeProbe {
    private LambdaRuntimeProbe() {
    }

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        for (int i = 1; i < args.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[i]))), out, null);
                System.out.println("ANSWER " + out.toString(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                System.out.println("ERROR " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
