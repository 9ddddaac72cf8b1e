package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The envelope EventBridge puts around an event it delivers to a function, in the rehearsal's account and region. */
final class EventBridgeEnvelope {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "eu-west-1";

    private EventBridgeEnvelope() {
    }

    /**
     * Every envelope field, {@code detail} left to the caller.
     *
     * @param service  the service part of the ARN of the one resource the event names ({@code cloudwatch})
     * @param resource the resource part of that ARN ({@code alarm:NAME})
     */
    static ObjectNode of(String detailType, String source, Instant time, String service, String resource) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", ACCOUNT);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", REGION);
        event.putArray("resources").add("arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource);
        return event;
    }
}
