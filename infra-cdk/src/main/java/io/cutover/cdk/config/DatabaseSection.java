package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.DB_NAME;
import static io.cutover.cdk.config.CommonFields.bool;
import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.jdbcDatabase;
import static io.cutover.cdk.config.CommonFields.longValue;
import static io.cutover.cdk.config.CommonFields.retention;
import static io.cutover.cdk.config.DeploymentConfigLoader.MAX_BACKTRACK_SECONDS;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.config.DeploymentConfig.Database;
import io.cutover.cdk.config.DeploymentConfig.Environment;
import io.cutover.cdk.config.DeploymentConfig.Network;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.Engine;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code database}: the Aurora cluster the stack creates, with the defaults of the cutover config's engine. With
 * {@code existingCluster} the section describes a cluster made elsewhere instead ({@link ExistingClusterSection}).
 */
final class DatabaseSection {
    private static final Pattern PG_VERSION = Pattern.compile("\\d{2}\\.\\d{1,2}");
    private static final Pattern MYSQL_VERSION = Pattern.compile("\\d\\.\\d\\.mysql_aurora\\.\\d+\\.\\d+\\.\\d+");
    private static final Pattern DB_INSTANCE_CLASS = Pattern.compile("(db\\.)?[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern WINDOW = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");

    private DatabaseSection() {
    }

    static Database parse(JsonFields f, Obj d, CutoverConfig cutover, Path cutoverFile, Environment env,
                          Network network) {
        boolean postgres = cutover.target().engine() == Engine.AURORA_POSTGRESQL;
        if (d == null) {
            return null;
        }
        if (d.present("existingCluster")) {
            return ExistingClusterSection.parse(f, d, cutover, cutoverFile, env, network);
        }
        String version = postgres
                ? d.optionalText("engineVersion", PG_VERSION, "a full Aurora PostgreSQL version such as 16.6", "16.6")
                : d.optionalText("engineVersion", MYSQL_VERSION, "an Aurora MySQL version such as 8.0.mysql_aurora.3.08.0",
                "8.0.mysql_aurora.3.08.0");
        String instanceClass = d.optionalText("instanceClass", DB_INSTANCE_CLASS, "an instance class such as r6g.large",
                "r6g.large");
        Long readers = d.optionalInteger("readers", 0, 15, 2);
        Long port = d.optionalInteger("port", 1150, 65535, cutover.target().engine().defaultPort());
        String name = d.optionalText("databaseName", DB_NAME, "a database name",
                jdbcDatabase(cutover.databases().target().jdbcUrl()));
        String user = d.optionalText("masterUsername", DB_NAME, "a user name", "cutover_admin");
        Long retention = d.optionalInteger("backupRetentionDays", 1, 35, 14);
        String window = d.optionalText("preferredBackupWindow", WINDOW, "a UTC window such as 01:00-02:00",
                "01:00-02:00");
        Long backtrack;
        if (postgres) {
            backtrack = 0L;
            JsonNode raw = d.raw("backtrackWindowSeconds");
            if (d.has("backtrackWindowSeconds") && !(raw.isIntegralNumber() && raw.asLong() == 0)) {
                f.report(d.path("backtrackWindowSeconds"), raw,
                        "absent or 0: Backtrack exists only on Aurora MySQL and target.engine is aurora-postgresql"
                                + " (use rollback.strategy \"pitr\" there)");
            }
        } else {
            backtrack = d.optionalInteger("backtrackWindowSeconds", 1, MAX_BACKTRACK_SECONDS, 86_400);
        }
        Boolean logical = d.optionalBoolean("logicalReplication", true);
        Long logs = retention(f, d, 30);
        return new Database(version, instanceClass == null ? null : instanceClass.replaceFirst("^db\\.", ""),
                intValue(readers), intValue(port), name, user, intValue(retention), window, longValue(backtrack),
                bool(logical), intValue(logs), null);
    }
}
