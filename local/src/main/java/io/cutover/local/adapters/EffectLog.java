package io.cutover.local.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every change a local adapter makes, in order: what the same call would have done in AWS. Reads
 * are not effects. Thread-safe: the rehearsal's load and the workflow write concurrently.
 */
public final class EffectLog {
    private final Clock clock;
    private final List<Effect> effects = new ArrayList<>();

    public EffectLog(Clock clock) {
        this.clock = clock;
    }

    /** @param call the AWS (or SQL) operation this stands for, e.g. {@code route53:ChangeResourceRecordSets} */
    public record Effect(Instant at, String call, String target, JsonNode detail) {
    }

    public synchronized void record(String call, String target, Object detail) {
        effects.add(new Effect(clock.instant(), call, target, Json.MAPPER.valueToTree(detail)));
    }

    public synchronized List<Effect> all() {
        return List.copyOf(effects);
    }

    public synchronized List<Effect> matching(Predicate<Effect> filter) {
        return effects.stream().filter(filter).toList();
    }
}
