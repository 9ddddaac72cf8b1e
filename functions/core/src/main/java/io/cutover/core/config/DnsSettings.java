package io.cutover.core.config;

/**
 * What the workflow does to the records' DNS caching around the cutover (issue 20).
 *
 * <p>A resolver may keep an answer for the record's TTL, so a client that resolved the writer record just before the
 * switch keeps the source for up to that long. Lowering the TTL of every record group early, at least the old TTL
 * before the fence, makes every cached answer short-lived by the time the writer moves.
 *
 * @param cutoverTtlSeconds the TTL both records of every group get from the LowerRecordTtl task until the cutover
 *                          ends (completed or rolled back, when RestoreRecordTtl puts the old TTL back); null: the
 *                          TTL is left as it is
 */
public record DnsSettings(Integer cutoverTtlSeconds) {
    /** At least 1 s (0 would ask resolvers not to cache at all); at most an hour, above which lowering gains little. */
    public static final int MIN_CUTOVER_TTL_SECONDS = 1;
    public static final int MAX_CUTOVER_TTL_SECONDS = 3600;

    public static DnsSettings unchanged() {
        return new DnsSettings(null);
    }

    public boolean lowersTtl() {
        return cutoverTtlSeconds != null;
    }
}
