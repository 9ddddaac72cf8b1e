package io.cutover.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Item;
import io.cutover.core.json.JsonFields.Obj;
import io.cutover.core.json.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a cutover config. Reports every problem at once (field, value, what is allowed)
 * through {@link ConfigValidationException}.
 */
public final class CutoverConfigParser {
    static final Pattern MIGRATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final Pattern HOSTED_ZONE_ID = Pattern.compile("(/hostedzone/)?Z[A-Z0-9]{1,32}");
    static final Pattern RECORD_NAME = Pattern.compile("[A-Za-z0-9*_]([A-Za-z0-9_.-]{0,252})\\.?");
    static final Pattern RECORD_TYPE = Pattern.compile("A|AAAA|CNAME");
    static final Pattern SET_IDENTIFIER = Pattern.compile("[^\\s]{1,128}");
    static final Pattern NON_BLANK = Pattern.compile(".*\\S.*");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    static final Pattern SECRET_ARN = Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+");
    static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://.+");
    static final Pattern SSL_MODE = Pattern.compile("disable|allow|prefer|require|verify-ca|verify-full");
    static final Pattern PG_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    static final Pattern QUALIFIED_TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}\\.[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private static final String AURORA_CLUSTER_ID_TEXT = "an Aurora DB cluster identifier: "
            + TargetCluster.RDS_IDENTIFIER_TEXT;
    private static final String PG_IDENTIFIER_TEXT = "a PostgreSQL identifier (letters, digits, _ and $; at most 63)";

    private CutoverConfigParser() {
    }

    public static CutoverConfig parse(String json) {
        JsonNode tree;
        try {
            tree = Json.parseTree(json, "cutover config");
        } catch (InvalidDocumentException e) {
            throw new ConfigValidationException(e.problems());
        }
        return parse(tree);
    }

    /** For a caller that also needs the document itself (the CDK app stores it): validates the tree it parsed. */
    public static CutoverConfig parse(JsonNode tree) {
        JsonFields f = new JsonFields();
        Obj root = f.root(tree, "migrationId", "mode", "target", "recordGroups", "readerSteps", "bakeSeconds",
                "readiness", "replication", "databases", "fence", "sequences", "sessionReplicationRole", "rowCounts",
                "drainTimeoutSeconds", "watchAfterSwitchSeconds", "stopDmsTaskAfterSwitch", "rollback", "alarms",
                "replicationAlarms", "snapshotSourceBeforeSwitch", "fallbackWindowSeconds",
                "rowCountVerification", "dns");
        if (root == null) {
            throw new ConfigValidationException(f.problems());
        }
        String migrationId = root.text("migrationId", MIGRATION_ID,
                "1 to 40 lower-case letters, digits or '-', starting with a letter or digit");
        Mode mode = root.optionalEnum("mode", Mode.class, Mode.MANUAL);
        TargetCluster target = target(root.object("target", "engine", "clusterIdentifier"));
        List<RecordGroup> groups = recordGroups(f, root);
        List<Integer> steps = readerSteps(f, root);
        Long bake = root.optionalInteger("bakeSeconds", 0, 86_400, 300);
        ReadinessThresholds readiness = readiness(f, root.objectOrEmpty("readiness", "pollSeconds", "deadlineSeconds",
                "maxReaderLatencySeconds", "maxWriterLatencySeconds", "stabilitySamples", "maxSampleAgeSeconds",
                "dmsIngestionAllowanceSeconds", "native"));
        Replication replication = replication(f, root.object("replication", "kind", "dmsTaskArns", "slots",
                "subscriptions", "publication", "reverseDmsTaskArn"));
        Databases databases = databases(f, root.object("databases", "schemas", "source", "target"));
        FenceSettings fence = fence(f, root.object("fence", "roles", "mode", "replicationRoles"));
        Obj sequences = root.objectOrEmpty("sequences", "buffer");
        Long buffer = sequences == null ? null : sequences.optionalInteger("buffer", 0, 1_000_000_000, 1000);
        Obj srr = root.objectOrEmpty("sessionReplicationRole", "resetToOrigin");
        Boolean resetSrr = srr == null ? null : srr.optionalBoolean("resetToOrigin", true);
        List<RowCountSpec> rowCounts = rowCounts(f, root);
        RowCountVerification rowCountVerification = rowCountVerification(root.objectOrEmpty("rowCountVerification",
                "settleMarginSeconds", "checksums"));
        Long drain = root.optionalInteger("drainTimeoutSeconds", 1, 3600, 300);
        Long watch = root.optionalInteger("watchAfterSwitchSeconds", 0, 86_400, 0);
        Boolean stopDms = root.optionalBoolean("stopDmsTaskAfterSwitch", false);
        // How long after the watch a rollback may still carry the target's writes back (issue 18); 0 closes the
        // window at once (completed as before). At most 30 days: the reverse slot retains the target's WAL meanwhile.
        Long fallbackWindow = root.optionalInteger("fallbackWindowSeconds", 0, 2_592_000, 86_400);
        RollbackSettings rollback = rollback(f, root.objectOrEmpty("rollback", "strategy", "restoredClusterIdentifier",
                "restoreTimeoutSeconds", "restorePollSeconds"), target);
        List<String> alarms = root.textList("alarms", false, 0, 100, AlarmName.PATTERN, AlarmName.TEXT);
        List<String> replicationAlarms = replicationAlarms(f, root, alarms);
        Obj snapshot = root.optionalObject("snapshotSourceBeforeSwitch", "dbInstanceIdentifier");
        String snapshotInstance = snapshot == null ? null
                : snapshot.text("dbInstanceIdentifier", TargetCluster.RDS_IDENTIFIER,
                "an RDS DB instance identifier: " + TargetCluster.RDS_IDENTIFIER_TEXT);
        DnsSettings dns = dns(root.objectOrEmpty("dns", "cutoverTtlSeconds"));

        crossChecks(f, target, replication, rollback, stopDms);
        if (f.hasProblems()) {
            throw new ConfigValidationException(f.problems());
        }
        return new CutoverConfig(migrationId, mode, target, groups, steps, bake.intValue(), readiness, replication,
                databases, fence, buffer, resetSrr, rowCounts, drain.intValue(), watch.intValue(), stopDms, rollback,
                alarms, replicationAlarms, snapshotInstance, fallbackWindow.intValue(), rowCountVerification,
                dns);
    }

    /**
     * {@code dns.cutoverTtlSeconds}: absent leaves the records' TTL alone. A value at or above a group's TTL lowers
     * nothing there (LowerRecordTtl says so per group); that depends on what Route 53 holds, so it is no config error.
     */
    private static DnsSettings dns(Obj dns) {
        if (dns == null || !dns.present("cutoverTtlSeconds")) {
            return DnsSettings.unchanged();
        }
        Long ttl = dns.integer("cutoverTtlSeconds", DnsSettings.MIN_CUTOVER_TTL_SECONDS,
                DnsSettings.MAX_CUTOVER_TTL_SECONDS);
        return new DnsSettings(ttl == null ? null : ttl.intValue());
    }

    private static TargetCluster target(Obj target) {
        if (target == null) {
            return null;
        }
        return new TargetCluster(target.enumValue("engine", Engine.class),
                target.text("clusterIdentifier", TargetCluster.RDS_IDENTIFIER,
                AURORA_CLUSTER_ID_TEXT));
    }

    private static List<RecordGroup> recordGroups(JsonFields f, Obj root) {
        List<Item> items = root.array("recordGroups", true, 1, 20);
        if (items == null) {
            return List.of();
        }
        List<RecordGroup> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> records = new HashSet<>();
        for (Item item : items) {
            Obj g = root.objectItem(item, "name", "role", "hostedZoneId", "recordName", "type", "ttl", "source",
                    "target", "allowWeightedWrites");
            if (g == null) {
                continue;
            }
            String name = g.text("name", NAME, "1 to 63 letters, digits, '_', '.' or '-'");
            RecordRole role = g.enumValue("role", RecordRole.class);
            String zone = g.text("hostedZoneId", HOSTED_ZONE_ID, "a Route 53 hosted zone id such as Z0123456789ABC");
            String recordName = g.text("recordName", RECORD_NAME, "a DNS name");
            String type = g.optionalText("type", RECORD_TYPE, JsonFields.oneOf(List.of("A", "AAAA", "CNAME")), "CNAME");
            Long ttl = g.optionalInteger("ttl", 0, 172_800, 60);
            RecordSide source = side(g.object("source", "setIdentifier", "value"));
            RecordSide target = side(g.object("target", "setIdentifier", "value"));
            Boolean weightedWrites = g.optionalBoolean("allowWeightedWrites", false);
            if (name != null && !names.add(name)) {
                f.report(g.path("name"), g.raw("name"), "a name used by one record group only");
            }
            if (recordName != null && type != null && !records.add(recordName.toLowerCase() + "/" + type)) {
                f.report(g.path("recordName"), g.raw("recordName"), "a record name and type used by one group only");
            }
            if (source != null && target != null && source.setIdentifier() != null
                    && Objects.equals(source.setIdentifier(), target.setIdentifier())) {
                f.report(g.path("target.setIdentifier"), "\"" + target.setIdentifier() + "\"",
                        "a set identifier different from source.setIdentifier");
            }
            if (Boolean.TRUE.equals(weightedWrites) && role == RecordRole.READER) {
                f.report(g.path("allowWeightedWrites"), g.raw("allowWeightedWrites"),
                        "false (or absent) on a reader group: it applies to writer groups only");
            }
            if (role == RecordRole.WRITER && source != null && target != null && source.value() != null
                    && source.value().equalsIgnoreCase(target.value())) {
                f.report(g.path("target.value"), "\"" + target.value() + "\"", "an endpoint different from source.value");
            }
            groups.add(new RecordGroup(name, role, zone, recordName, type, ttl == null ? 0 : ttl.intValue(), source,
                    target, Boolean.TRUE.equals(weightedWrites)));
        }
        return groups;
    }

    private static RecordSide side(Obj side) {
        if (side == null) {
            return null;
        }
        return new RecordSide(side.text("setIdentifier", SET_IDENTIFIER, "1 to 128 characters without spaces"),
                side.text("value", NON_BLANK, "the endpoint the record points to"));
    }

    private static List<Integer> readerSteps(JsonFields f, Obj root) {
        if (!root.present("readerSteps")) {
            return List.of(20, 50, 80, 100);
        }
        List<Item> items = root.array("readerSteps", true, 1, 20);
        if (items == null) {
            return List.of();
        }
        List<Integer> steps = new ArrayList<>();
        for (Item item : items) {
            // canConvertToInt: asInt() would wrap 4294967316 round to 20
            if (!item.node().isIntegralNumber() || !item.node().canConvertToInt() || item.node().asInt() < 1
                    || item.node().asInt() > 100) {
                f.report(item.path(), item.node(), "an integer from 1 to 100");
                continue;
            }
            int step = item.node().asInt();
            if (!steps.isEmpty() && step <= steps.get(steps.size() - 1)) {
                f.report(item.path(), item.node(), "a step greater than the one before it (" +
                        steps.get(steps.size() - 1) + "): steps must be strictly increasing");
            }
            steps.add(step);
        }
        if (!steps.isEmpty() && steps.get(steps.size() - 1) != 100) {
            f.report(root.path("readerSteps"), root.raw("readerSteps"), "steps ending at 100");
        }
        return steps;
    }

    private static ReadinessThresholds readiness(JsonFields f, Obj r) {
        if (r == null) {
            return null;
        }
        Long poll = r.optionalInteger("pollSeconds", 1, 3600, 60);
        Long deadline = r.optionalInteger("deadlineSeconds", 1, 7 * 86_400, 3600);
        Double reader = r.optionalNumber("maxReaderLatencySeconds", 0, 3600, 30);
        Double writer = r.optionalNumber("maxWriterLatencySeconds", 0, 3600, 5);
        Long samples = r.optionalInteger("stabilitySamples", 1, 100, 3);
        Long age = r.optionalInteger("maxSampleAgeSeconds", 1, 3600, 180);
        Long allowance = r.optionalInteger("dmsIngestionAllowanceSeconds", 0,
                ReadinessThresholds.MAX_DMS_INGESTION_ALLOWANCE_SECONDS,
                ReadinessThresholds.DEFAULT_DMS_INGESTION_ALLOWANCE_SECONDS);
        NativeLadder ladder = nativeLadder(f, r.objectOrEmpty("native", "healthyBytes", "healthySeconds",
                "warningBytes", "warningSeconds", "criticalBytes", "criticalSeconds", "slotInactiveSeconds"));
        if (poll != null && deadline != null && deadline < poll) {
            f.report(r.path("deadlineSeconds"), r.raw("deadlineSeconds"), "at least pollSeconds (" + poll + ")");
        }
        if (reader != null && writer != null && writer > reader) {
            String shown = r.has("maxWriterLatencySeconds") ? r.raw("maxWriterLatencySeconds").toString()
                    : writer + " (the default)";
            f.report(r.path("maxWriterLatencySeconds"), shown,
                    "at most maxReaderLatencySeconds (" + reader + "): the writer gate is the stricter one");
        }
        if (poll == null || deadline == null || reader == null || writer == null || samples == null || age == null
                || allowance == null) {
            return null;
        }
        return new ReadinessThresholds(poll.intValue(), deadline.intValue(), reader, writer, samples.intValue(),
                age.intValue(), allowance.intValue(), ladder);
    }

    private static NativeLadder nativeLadder(JsonFields f, Obj n) {
        NativeLadder d = NativeLadder.defaults();
        if (n == null) {
            return d;
        }
        Long healthyBytes = n.optionalInteger("healthyBytes", 0, Long.MAX_VALUE, d.healthyBytes());
        Double healthySeconds = n.optionalNumber("healthySeconds", 0, 86_400, d.healthySeconds());
        Long warningBytes = n.optionalInteger("warningBytes", 0, Long.MAX_VALUE, d.warningBytes());
        Double warningSeconds = n.optionalNumber("warningSeconds", 0, 86_400, d.warningSeconds());
        Long criticalBytes = n.optionalInteger("criticalBytes", 0, Long.MAX_VALUE, d.criticalBytes());
        Double criticalSeconds = n.optionalNumber("criticalSeconds", 0, 86_400, d.criticalSeconds());
        Long inactive = n.optionalInteger("slotInactiveSeconds", 0, 86_400, d.slotInactiveSeconds());
        if (healthyBytes == null || healthySeconds == null || warningBytes == null || warningSeconds == null
                || criticalBytes == null || criticalSeconds == null || inactive == null) {
            return d;
        }
        if (!(healthyBytes <= warningBytes && warningBytes <= criticalBytes)) {
            f.report(n.path("warningBytes"), Long.toString(warningBytes),
                    "healthyBytes <= warningBytes <= criticalBytes");
        }
        if (!(healthySeconds <= warningSeconds && warningSeconds <= criticalSeconds)) {
            f.report(n.path("warningSeconds"), Double.toString(warningSeconds),
                    "healthySeconds <= warningSeconds <= criticalSeconds");
        }
        return new NativeLadder(healthyBytes, healthySeconds, warningBytes, warningSeconds, criticalBytes,
                criticalSeconds, inactive.intValue());
    }

    private static Replication replication(JsonFields f, Obj r) {
        if (r == null) {
            return null;
        }
        ReplicationKind kind = r.enumValue("kind", ReplicationKind.class);
        List<String> arns = r.textList("dmsTaskArns", kind == ReplicationKind.DMS, 1, 100, DmsTaskArn.PATTERN,
                DmsTaskArn.TEXT + " (arn:aws:dms:REGION:ACCOUNT:task:ID)");
        List<String> slots = r.textList("slots", kind == ReplicationKind.NATIVE, 1, 100, PG_IDENTIFIER,
                PG_IDENTIFIER_TEXT);
        List<String> subscriptions = r.textList("subscriptions", false, 0, 100, PG_IDENTIFIER, PG_IDENTIFIER_TEXT);
        String publication = r.optionalText("publication", PG_IDENTIFIER, PG_IDENTIFIER_TEXT, null);
        String reverseTask = r.optionalText("reverseDmsTaskArn", DmsTaskArn.PATTERN,
                DmsTaskArn.TEXT + " (arn:aws:dms:REGION:ACCOUNT:task:ID)", null);
        if (reverseTask != null && arns != null && arns.contains(reverseTask)) {
            f.report(r.path("reverseDmsTaskArn"), "\"" + reverseTask + "\"",
                    "a task that is not in dmsTaskArns (the reverse task replicates from the target to the source)");
        }
        if (kind == ReplicationKind.NATIVE && r.has("reverseDmsTaskArn")) {
            f.report(r.path("kind"), "\"native\"", "\"dms\" when reverseDmsTaskArn is given");
        }
        if (kind == ReplicationKind.DMS && (r.has("slots") || r.has("subscriptions") || r.has("publication"))) {
            f.report(r.path("kind"), "\"dms\"", "\"native\" when slots, subscriptions or publication are given");
        }
        if (kind == ReplicationKind.NATIVE && r.has("dmsTaskArns")) {
            f.report(r.path("kind"), "\"native\"", "\"dms\" when dmsTaskArns are given");
        }
        return new Replication(kind, arns == null ? List.of() : arns, slots == null ? List.of() : slots,
                subscriptions == null ? List.of() : subscriptions, publication, reverseTask);
    }

    private static Databases databases(JsonFields f, Obj d) {
        if (d == null) {
            return null;
        }
        List<String> schemas = d.textList("schemas", false, 1, 100, PG_IDENTIFIER, PG_IDENTIFIER_TEXT);
        DatabaseEndpoint source = endpoint(f, d.object("source", "jdbcUrl", "secretArn", "username", "password",
                "sslMode", "sslRootCert"));
        DatabaseEndpoint target = endpoint(f, d.object("target", "jdbcUrl", "secretArn", "username", "password",
                "sslMode", "sslRootCert"));
        return new Databases(schemas == null || schemas.isEmpty() ? List.of("public") : schemas, source, target);
    }

    private static DatabaseEndpoint endpoint(JsonFields f, Obj e) {
        if (e == null) {
            return null;
        }
        String url = e.text("jdbcUrl", JDBC_URL, "a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)");
        String secret = e.optionalText("secretArn", SECRET_ARN, "a Secrets Manager secret ARN", null);
        String user = e.optionalText("username", NON_BLANK, "a user name", null);
        String password = e.optionalText("password", null, "a string", null);
        String sslMode = e.optionalText("sslMode", SSL_MODE,
                JsonFields.oneOf(List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")),
                "verify-full");
        String rootCert = e.optionalText("sslRootCert", NON_BLANK, "a path to a CA bundle", null);
        if (rootCert == null && DatabaseEndpoint.verifiesCertificate(sslMode)) {
            // Without it the driver reads ~/.postgresql/root.crt, which no Lambda function has: every connection
            // would fail, and only at cutover time.
            f.report(e.path("sslRootCert"), (String) null, "the path of the CA bundle that verifies the server with"
                    + " sslMode " + sslMode + " (in AWS " + DatabaseEndpoint.LAMBDA_CA_BUNDLE + ", deployed by the CDK"
                    + " app from functions.caBundle, e.g. the RDS global bundle); sslMode is verify-full when absent");
        }
        boolean hasSecret = e.has("secretArn");
        boolean hasLogin = e.has("username") || e.has("password");
        if (hasSecret == hasLogin) {
            f.report(e.path("secretArn"), hasSecret ? "both secretArn and username/password" : null,
                    "either secretArn (in AWS) or username and password (local rehearsal), not both");
        } else if (hasLogin && !(e.has("username") && e.has("password"))) {
            f.report(e.path(e.has("username") ? "password" : "username"), (String) null,
                    "username and password together");
        }
        return new DatabaseEndpoint(url, secret, user, password, sslMode, rootCert);
    }

    private static FenceSettings fence(JsonFields f, Obj fence) {
        if (fence == null) {
            return null;
        }
        List<String> roles = fence.textList("roles", true, 1, 100, PG_IDENTIFIER, PG_IDENTIFIER_TEXT);
        FenceMode mode = fence.optionalEnum("mode", FenceMode.class, FenceMode.READ_ONLY);
        List<String> replicationRoles = fence.textList("replicationRoles", false, 0, 100, PG_IDENTIFIER,
                PG_IDENTIFIER_TEXT);
        if (roles != null && replicationRoles != null) {
            for (String role : roles) {
                if (replicationRoles.contains(role)) {
                    f.report(fence.path("roles"), "\"" + role + "\"",
                            "application roles only: " + role + " is a replication role and is never fenced");
                }
            }
        }
        return new FenceSettings(roles == null ? List.of() : roles, mode,
                replicationRoles == null ? List.of() : replicationRoles);
    }

    private static List<RowCountSpec> rowCounts(JsonFields f, Obj root) {
        List<Item> items = root.array("rowCounts", false, 0, 500);
        if (items == null) {
            return List.of();
        }
        List<RowCountSpec> specs = new ArrayList<>();
        for (Item item : items) {
            Obj spec = root.objectItem(item, "table", "bucketColumn", "bucket");
            if (spec == null) {
                continue;
            }
            String table = spec.text("table", QUALIFIED_TABLE, "a schema-qualified table name (schema.table)");
            String column = spec.optionalText("bucketColumn", PG_IDENTIFIER, PG_IDENTIFIER_TEXT, null);
            Bucket bucket = spec.optionalEnum("bucket", Bucket.class, null);
            if (spec.has("bucket") && !spec.has("bucketColumn")) {
                f.report(spec.path("bucketColumn"), (String) null, "the timestamp column to bucket by, when bucket is set");
            }
            if (table != null && (column != null || bucket == null)) {
                // else the table, the column or the bucket without a column is reported above: the config is refused
                specs.add(new RowCountSpec(table, column, bucket));
            }
        }
        return specs;
    }

    private static RowCountVerification rowCountVerification(Obj v) {
        if (v == null) {
            return null;
        }
        Long margin = v.optionalInteger("settleMarginSeconds", RowCountVerification.MIN_SETTLE_MARGIN_SECONDS,
                RowCountVerification.MAX_SETTLE_MARGIN_SECONDS, RowCountVerification.DEFAULT_SETTLE_MARGIN_SECONDS);
        Boolean checksums = v.optionalBoolean("checksums", false);
        return margin == null || checksums == null ? null : new RowCountVerification(margin, checksums);
    }

    private static RollbackSettings rollback(JsonFields f, Obj r, TargetCluster target) {
        String defaultRestored = target == null || target.clusterIdentifier() == null ? null
                : target.clusterIdentifier() + "-restored";
        if (r == null) {
            return null;
        }
        RollbackStrategy strategy = r.optionalEnum("strategy", RollbackStrategy.class, RollbackStrategy.DNS);
        String restored = r.optionalText("restoredClusterIdentifier", TargetCluster.RDS_IDENTIFIER,
                AURORA_CLUSTER_ID_TEXT,
                defaultRestored);
        Long timeout = r.optionalInteger("restoreTimeoutSeconds", 600, 172_800,
                RollbackSettings.DEFAULT_RESTORE_TIMEOUT_SECONDS);
        Long poll = r.optionalInteger("restorePollSeconds", 10, 3600, RollbackSettings.DEFAULT_RESTORE_POLL_SECONDS);
        if (timeout == null || poll == null) {
            return null;
        }
        if (timeout / poll > RollbackSettings.MAX_RESTORE_POLLS) {
            f.report("rollback.restorePollSeconds", String.valueOf(poll), "at least restoreTimeoutSeconds / "
                    + RollbackSettings.MAX_RESTORE_POLLS + " (" + (timeout + RollbackSettings.MAX_RESTORE_POLLS - 1)
                    / RollbackSettings.MAX_RESTORE_POLLS + "): each poll adds to the execution history, which Step"
                    + " Functions caps at 25,000 events");
        }
        return new RollbackSettings(strategy, restored, timeout.intValue(), poll.intValue());
    }

    /**
     * The watched alarms over forward replication (e.g. the DMS CDC latency alarm). Each must be one of {@code alarms}:
     * the list only says which of the watched alarms stop counting once the writer has moved.
     */
    private static List<String> replicationAlarms(JsonFields f, Obj root, List<String> alarms) {
        List<String> named = root.textList("replicationAlarms", false, 0, 100, AlarmName.PATTERN, AlarmName.TEXT);
        if (named == null || alarms == null) {
            return named;
        }
        for (int i = 0; i < named.size(); i++) {
            if (!alarms.contains(named.get(i))) {
                f.report(root.path("replicationAlarms") + "[" + i + "]", "\"" + named.get(i) + "\"",
                        alarms.isEmpty() ? "no value: alarms is empty" : "a name in alarms, " + JsonFields.oneOf(alarms));
            }
        }
        return named;
    }

    private static void crossChecks(JsonFields f, TargetCluster target, Replication replication,
                                    RollbackSettings rollback, Boolean stopDms) {
        if (rollback != null && target != null && rollback.strategy() == RollbackStrategy.BACKTRACK
                && target.engine() == Engine.AURORA_POSTGRESQL) {
            f.report("rollback.strategy", "\"backtrack\"", "\"pitr\" or \"dns\": " + RollbackMessages.BACKTRACK_ON_POSTGRESQL);
        }
        if (Boolean.TRUE.equals(stopDms) && replication != null && replication.kind() == ReplicationKind.NATIVE) {
            f.report("stopDmsTaskAfterSwitch", "true", "false with native replication (there is no DMS task)");
        }
    }

    /** Convenience for callers that want the problems without catching. */
    public static List<Problem> problemsOf(String json) {
        try {
            parse(json);
            return List.of();
        } catch (ConfigValidationException e) {
            return e.problems();
        }
    }
}
