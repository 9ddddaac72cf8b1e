package io.cutover.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Raw bodies in and out: handlers validate the exact bytes they were sent, empty bodies included. Bytes are decoded
 * by the handler with {@link io.cutover.core.json.Utf8}, so bytes that are not UTF-8 are refused, not replaced.
 */
final class Streams {
    private Streams() {
    }

    static byte[] read(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(OutputStream out, String json) {
        try {
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (the CDK app sets it)");
        }
        return value;
    }
}
