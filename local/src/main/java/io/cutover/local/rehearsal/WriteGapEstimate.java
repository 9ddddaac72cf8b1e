package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The write gap to expect in production: the workflow's fence → writer-record stretch as measured in the run
 * (unscaled: those tasks do real work on real servers and are not sped up by {@code --speed}), plus DNS. After the
 * record changes, Route 53 takes up to {@value #ROUTE53_PROPAGATION_SECONDS} s to serve it from every name server
 * ("Changes generally propagate to all Route 53 name servers within 60 seconds",
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-editing.html), and a client that
 * resolved the name just before may use the cached answer for the record's TTL. The rehearsal's own clients follow
 * the TTL divided by {@code --speed}, so their reconnection is not a production figure and is left out.
 *
 * @param measuredMs         the fence → writer-record stretch of the run
 * @param loweredTtlSeconds  the TTL the records have at the switch when the workflow lowers it
 *                           ({@code dns.cutoverTtlSeconds}); equal to {@code originalTtlSeconds} when the config lowers
 *                           none
 * @param originalTtlSeconds the writer record's TTL in the config
 * @param ttlLowered         whether the config has {@code dns.cutoverTtlSeconds} below the writer record's TTL
 */
public record WriteGapEstimate(long measuredMs, int loweredTtlSeconds, int originalTtlSeconds, boolean ttlLowered) {
    public static final int ROUTE53_PROPAGATION_SECONDS = 60;

    public long withLoweredTtlMs() {
        return measuredMs + (loweredTtlSeconds + (long) ROUTE53_PROPAGATION_SECONDS) * 1000;
    }

    public long withOriginalTtlMs() {
        return measuredMs + (originalTtlSeconds + (long) ROUTE53_PROPAGATION_SECONDS) * 1000;
    }

    /**
     * Reads the TTLs from the cutover config the rehearsal built: the writer group's {@code ttl}, and
     * {@code dns.cutoverTtlSeconds} when the config has it (configs from before that key have not: then the
     * lowered figure is the original one, as it is when the cutover TTL is not below the record's).
     */
    public static WriteGapEstimate from(long measuredMs, JsonNode config, String writerGroup) {
        int original = 0;
        for (JsonNode group : config.path("recordGroups")) {
            if (writerGroup.equals(group.path("name").asText())) {
                original = group.path("ttl").asInt();
            }
        }
        JsonNode cutoverTtl = config.path("dns").path("cutoverTtlSeconds");
        // A cutover TTL at or above the record's own lowers nothing: the record keeps its TTL.
        boolean lowers = cutoverTtl.isNumber() && cutoverTtl.canConvertToInt() && cutoverTtl.asInt() < original;
        return new WriteGapEstimate(measuredMs, lowers ? cutoverTtl.asInt() : original, original, lowers);
    }
}
