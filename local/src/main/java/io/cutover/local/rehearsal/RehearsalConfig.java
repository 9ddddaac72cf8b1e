package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.ReadinessThresholds;
import io.cutover.core.json.Json;
import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cutover config for the two rehearsal servers, shaped like a production one. Durations the workflow's Wait
 * states take (bake, poll) keep their production values and pass {@code speed} times faster through the wait
 * policy; durations the handlers measure against the clock (watch, drain deadline, readiness deadline, sample age)
 * are written already divided by {@code speed}.
 */
public final class RehearsalConfig {
    public static final String MIGRATION_ID = "rehearsal";
    public static final String WRITER_GROUP = "rehearsal-writer";
    public static final String READER_GROUP = "rehearsal-reader";
    public static final String ALARM = "rehearsal-target-errors";
    public static final List<Integer> READER_STEPS = List.of(20, 50, 80, 100);
    /** Production values (seconds) before scaling. */
    static final int BAKE_SECONDS = 300;
    static final int POLL_SECONDS = 30;
    static final int WATCH_SECONDS = 300;
    static final int DRAIN_TIMEOUT_SECONDS = 300;
    static final int READINESS_DEADLINE_SECONDS = 3600;
    static final int MAX_SAMPLE_AGE_SECONDS = 180;
    static final int DMS_MIN_SAMPLE_AGE_SECONDS = 60;
    static final int DMS_INGESTION_ALLOWANCE_SECONDS = ReadinessThresholds.DEFAULT_DMS_INGESTION_ALLOWANCE_SECONDS;
    static final int RECORD_TTL_SECONDS = 30;
    /**
     * {@code dns.cutoverTtlSeconds}: the TTL LowerRecordTtl gives the records before the reader steps (issue 20), a
     * production value like RECORD_TTL_SECONDS. The wait it adds before the fence is what is left of the old TTL,
     * divided by the speed like every Wait; the reader steps' bakes outlast it.
     */
    static final int CUTOVER_TTL_SECONDS = 5;
    /**
     * Under a steady 100 writes/s the slot's confirmed position trails the source's WAL by a few transactions
     * (tens of KB) at any instant; 1 KB, the quiet-database default, would keep the writer gate closed for ever.
     */
    static final long HEALTHY_LAG_BYTES = 1024 * 1024;
    private static final Pattern PLAIN_TABLE = Pattern.compile("[a-z_][a-z0-9_$]{0,62}\\.[a-z_][a-z0-9_$]{0,62}");

    private RehearsalConfig() {
    }

    public static ObjectNode build(RehearsalServers servers, double speed) {
        return build(servers, speed, null);
    }

    /**
     * @param dmsTaskArn the DMS task keeping the target in sync; null for native replication. The sample age is
     *                   then at least one metric period's worth of GetMetricData window (60 s), the least
     *                   DmsCloudWatchProbe asks for.
     */
    public static ObjectNode build(RehearsalServers servers, double speed, String dmsTaskArn) {
        return build(servers, speed, dmsTaskArn, null);
    }

    /** @param reverseDmsTaskArn the DMS task from the target back to the source (fall-back window); null for none */
    public static ObjectNode build(RehearsalServers servers, double speed, String dmsTaskArn,
                                   String reverseDmsTaskArn) {
        EmbeddedReplicatedPair pair = servers.pair();
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("migrationId", MIGRATION_ID);
        config.put("mode", "manual");
        config.putObject("target").put("engine", "aurora-postgresql").put("clusterIdentifier", "rehearsal-aurora");
        ArrayNode groups = config.putArray("recordGroups");
        groups.add(group(WRITER_GROUP, "writer", "db.rehearsal.internal"));
        groups.add(group(READER_GROUP, "reader", "db-ro.rehearsal.internal"));
        ArrayNode steps = config.putArray("readerSteps");
        READER_STEPS.forEach(steps::add);
        config.put("bakeSeconds", BAKE_SECONDS);
        ObjectNode readiness = config.putObject("readiness").put("pollSeconds", POLL_SECONDS)
                .put("deadlineSeconds", scaled(READINESS_DEADLINE_SECONDS, speed, 30))
                .put("maxReaderLatencySeconds", 30)
                .put("maxWriterLatencySeconds", WRITER_LATENCY_LIMIT_SECONDS).put("stabilitySamples", 3)
                .put("maxSampleAgeSeconds", dmsTaskArn == null ? scaled(MAX_SAMPLE_AGE_SECONDS, speed, 5)
                        : scaled(MAX_SAMPLE_AGE_SECONDS, speed, DMS_MIN_SAMPLE_AGE_SECONDS));
        if (dmsTaskArn != null) {
            // The stand-in's CloudWatch is as late as AWS's, divided by the speed like every other duration.
            readiness.put("dmsIngestionAllowanceSeconds", scaled(DMS_INGESTION_ALLOWANCE_SECONDS, speed, 1));
        }
        if (dmsTaskArn == null) {
            readiness.putObject("native").put("healthyBytes", HEALTHY_LAG_BYTES);
            ObjectNode replication = config.putObject("replication").put("kind", "native")
                    .put("publication", EmbeddedReplicatedPair.PUBLICATION);
            replication.putArray("slots").add(RehearsalServers.SLOT);
            replication.putArray("subscriptions").add(EmbeddedReplicatedPair.SUBSCRIPTION);
        } else {
            ObjectNode replication = config.putObject("replication").put("kind", "dms");
            replication.putArray("dmsTaskArns").add(dmsTaskArn);
            if (reverseDmsTaskArn != null) {
                replication.put("reverseDmsTaskArn", reverseDmsTaskArn);
            }
        }
        ObjectNode databases = config.putObject("databases");
        ArrayNode schemas = databases.putArray("schemas");
        servers.schemas().forEach(schemas::add);
        databases.putObject("source").put("jdbcUrl", pair.source().jdbcUrl(EmbeddedReplicatedPair.DATABASE))
                .put("username", EmbeddedPostgresServer.SUPERUSER).put("password", "").put("sslMode", "disable");
        databases.putObject("target").put("jdbcUrl", pair.target().jdbcUrl(EmbeddedReplicatedPair.DATABASE))
                .put("username", EmbeddedPostgresServer.SUPERUSER).put("password", "").put("sslMode", "disable");
        ObjectNode fence = config.putObject("fence").put("mode", "read_only");
        fence.putArray("roles").add(RehearsalServers.APP_ROLE);
        fence.putArray("replicationRoles").add(EmbeddedReplicatedPair.REPLICATION_ROLE);
        config.putObject("sequences").put("buffer", 1000);
        config.putObject("sessionReplicationRole").put("resetToOrigin", true);
        ArrayNode counts = config.putArray("rowCounts");
        for (String t : countedTables(servers.tables())) {
            ObjectNode count = counts.addObject().put("table", t);
            if (RehearsalFill.isBigTable(t)) {
                // Counted per hour: inside the write window only the last hour or two of rows are counted, as a
                // production table written all day would be configured (issue 20).
                count.put("bucketColumn", "created_at").put("bucket", "hour");
            }
        }
        config.put("drainTimeoutSeconds", scaled(DRAIN_TIMEOUT_SECONDS, speed, 2));
        config.put("watchAfterSwitchSeconds", scaled(WATCH_SECONDS, speed, 1));
        config.putObject("dns").put("cutoverTtlSeconds", CUTOVER_TTL_SECONDS);
        config.put("stopDmsTaskAfterSwitch", false);
        config.putObject("rollback").put("strategy", "pitr").put("restoredClusterIdentifier", "rehearsal-aurora-restored");
        config.putArray("alarms").add(ALARM);
        return config;
    }

    /** The tables the workflow's row-count step compares (the config takes plain schema.table names, up to 500). */
    static List<String> countedTables(List<String> tables) {
        List<String> plain = new ArrayList<>();
        for (String table : tables) {
            if (PLAIN_TABLE.matcher(table).matches() && plain.size() < 500) {
                plain.add(table);
            }
        }
        return plain;
    }

    /** The connection lifetime of the application's pool: the records' TTL, scaled like every other duration. */
    public static java.time.Duration connectionLifetime(double speed) {
        return java.time.Duration.ofMillis(Math.max(100, Math.round(RECORD_TTL_SECONDS * 1000 / speed)));
    }

    static int scaled(int productionSeconds, double speed, int atLeast) {
        return Math.max(atLeast, (int) Math.round(productionSeconds / speed));
    }

    /** The writer gate's CDC latency limit in the rehearsal config, as a user's config would set it. */
    static final int WRITER_LATENCY_LIMIT_SECONDS = 5;

    /**
     * A DMS stand-in told to apply slowly (--dms-apply-delay) is behind by that delay plus up to its CommitTimeout
     * on every change (transactional apply collects changes for up to CommitTimeout seconds): the writer gate's
     * limit grows to cover that and 2 s more, so a slow task can be rehearsed to the end and its drain measured.
     * Lag above it (lag@switch holds every change 300 s) is still refused. The drain timeout grows to the same limit
     * where it is shorter (at speed x50 it is 6 s, and a 5 s delay plus a CommitTimeout batch can take 6 s to apply the
     * marker), as a user who knows the task's latency sets it. The values used are in config.json.
     */
    static void allowApplyDelay(ObjectNode config, RehearsalReplication replication) {
        if (!replication.isDms()) {
            return;
        }
        double behind = replication.applyDelay().toMillis() / 1000.0 + replication.taskSettings().commitTimeoutSeconds();
        int limit = Math.max(WRITER_LATENCY_LIMIT_SECONDS, (int) Math.ceil(behind) + 2);
        ((ObjectNode) config.path("readiness")).put("maxWriterLatencySeconds", limit);
        if (config.path("drainTimeoutSeconds").asInt(Integer.MAX_VALUE) < limit) {
            config.put("drainTimeoutSeconds", limit);
        }
    }

    private static ObjectNode group(String name, String role, String recordName) {
        ObjectNode group = Json.MAPPER.createObjectNode();
        group.put("name", name).put("role", role).put("hostedZoneId", "Z0LOCALREHEARSAL")
                .put("recordName", recordName).put("type", "CNAME").put("ttl", RECORD_TTL_SECONDS);
        group.putObject("source").put("setIdentifier", "source").put("value", "source.rehearsal.local");
        group.putObject("target").put("setIdentifier", "aurora").put("value", "target.rehearsal.local");
        return group;
    }
}
