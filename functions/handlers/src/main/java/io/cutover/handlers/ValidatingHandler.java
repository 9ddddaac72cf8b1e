package io.cutover.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.event.CutoverEvent;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import io.cutover.core.json.Utf8;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * A handler whose whole input is validated before it acts: an invalid body is answered with every
 * problem, field by field, and nothing else happens.
 */
abstract class ValidatingHandler<T> implements RequestStreamHandler {
    protected final String migrationId;
    protected final JsonLog log;

    ValidatingHandler(String migrationId) {
        this.migrationId = migrationId;
        this.log = JsonLog.stdout(migrationId, null);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        Streams.write(output, Json.write(handle(Streams.read(input))));
    }

    /** The body as Lambda delivers it: bytes that are not UTF-8 are refused like any other invalid input. */
    public final ObjectNode handle(byte[] body) {
        return answer(() -> parse(Utf8.decode(body, "input")));
    }

    public final ObjectNode handle(String body) {
        return answer(() -> parse(body));
    }

    private ObjectNode answer(Supplier<T> parsing) {
        T input;
        try {
            input = parsing.get();
        } catch (InvalidDocumentException e) {
            log.warn("invalid input", "problems", e.problems().stream().map(Problem::message).toList());
            return InvalidAnswers.invalid(e);
        }
        if (input instanceof CutoverEvent event && !event.unknownFields().isEmpty()) {
            log.warn("event has fields this version does not read; accepted", "unknownFields", event.unknownFields());
        }
        ObjectNode result = act(input);
        log.info("answered", "input", describe(input), "outcome", result.path("outcome").asText(),
                "message", result.path("message").asText());
        return result;
    }

    /** Validates the body completely; throws with every problem. */
    abstract T parse(String body);

    abstract ObjectNode act(T input);

    abstract String describe(T input);
}
