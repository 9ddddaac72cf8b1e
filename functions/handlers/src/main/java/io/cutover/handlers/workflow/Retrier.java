package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Retry entry. BackoffRate is an int because every rate this workflow uses is whole: a double would render as
 * 2.0, a different JSON number from the 2 the file has always had. maxDelaySeconds and jitter are optional (null).
 */
record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, int backoffRate,
               Integer maxDelaySeconds, String jitterStrategy) {
    Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    /** Exponential backoff capped at maxDelaySeconds, each pause drawn at random below it (FULL jitter). */
    static Retrier jittered(List<String> errors, int intervalSeconds, int maxAttempts, int backoffRate,
                            int maxDelaySeconds) {
        return new Retrier(errors, intervalSeconds, maxAttempts, backoffRate, maxDelaySeconds, "FULL");
    }

    /** Exponential backoff capped at maxDelaySeconds, without jitter: waiting for something to become ready. */
    static Retrier capped(List<String> errors, int intervalSeconds, int maxAttempts, int backoffRate,
                          int maxDelaySeconds) {
        return new Retrier(errors, intervalSeconds, maxAttempts, backoffRate, maxDelaySeconds, null);
    }

    static Retrier plain(List<String> errors, int intervalSeconds, int maxAttempts, int backoffRate) {
        return new Retrier(errors, intervalSeconds, maxAttempts, backoffRate, null, null);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        errorEquals.forEach(json.putArray("ErrorEquals")::add);
        json.put("IntervalSeconds", intervalSeconds);
        json.put("MaxAttempts", maxAttempts);
        json.put("BackoffRate", backoffRate);
        if (maxDelaySeconds != null) {
            json.put("MaxDelaySeconds", maxDelaySeconds);
        }
        if (jitterStrategy != null) {
            json.put("JitterStrategy", jitterStrategy);
        }
        return json;
    }
}
