package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.DB_NAME;
import static io.cutover.cdk.config.CommonFields.bool;
import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.jdbcDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.cdk.config.DeploymentConfig.ArnMerge;
import io.cutover.cdk.config.DeploymentConfig.Dms;
import io.cutover.cdk.config.DeploymentConfig.DmsSource;
import io.cutover.cdk.config.DeploymentConfig.DmsTask;
import io.cutover.cdk.config.DeploymentConfig.ExistingDmsTask;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsArn;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.config.Engine;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.json.Json;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Item;
import io.cutover.core.json.JsonFields.Obj;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code dms}: the replication instance, source endpoint and task the stack creates, and the tasks made elsewhere
 * that the cutover config also waits for. Required with DMS replication, refused with native replication.
 */
final class DmsSection {
    static final String REVERSE_SUFFIX = "-REVERSE";
    private static final Pattern DMS_CLASS = Pattern.compile("dms\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern DMS_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern DMS_SSL = Pattern.compile("none|require|verify-ca|verify-full");
    private static final Pattern DMS_CERT_ARN = DmsArn.pattern("cert");
    /** DMS ResourceIdentifier: letter first, letters/digits/hyphens, no "--", no trailing hyphen, at most 31. */
    private static final Pattern DMS_RESOURCE_ID = Pattern.compile("[A-Za-z](?!.*--)[A-Za-z0-9-]{0,30}(?<!-)");
    private static final Pattern DMS_INSTANCE_ID = Pattern.compile("[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)");
    private static final Pattern PREP_MODE = Pattern.compile("DO_NOTHING|TRUNCATE_BEFORE_LOAD|DROP_AND_CREATE");

    private DmsSection() {
    }

    static Dms parse(JsonFields f, Obj root, CutoverConfig cutover) {
        boolean dmsReplication = cutover.replication().kind() == ReplicationKind.DMS;
        Obj d = root.optionalObject("dms", "replicationInstanceClass", "allocatedStorageGb", "multiAz", "engineVersion",
                "createServiceRoles", "source", "task", "existingTasks");
        if (d == null) {
            if (dmsReplication) {
                f.report(root.path("dms"), (String) null,
                        "a dms section: the cutover config's replication.kind is \"dms\"");
            }
            return null;
        }
        if (!dmsReplication) {
            f.report(root.path("dms"), "{...}", "no dms section: the cutover config's replication.kind is \"native\"");
            return null;
        }
        String instanceClass = d.optionalText("replicationInstanceClass", DMS_CLASS,
                "a DMS instance class such as dms.r5.large", "dms.r5.large");
        Long storage = d.optionalInteger("allocatedStorageGb", 5, 6144, 100);
        Boolean multiAz = d.optionalBoolean("multiAz", true);
        String version = d.optionalText("engineVersion", DMS_VERSION, "a DMS engine version such as 3.5.4", null);
        Boolean serviceRoles = d.optionalBoolean("createServiceRoles", false);

        Obj s = d.objectOrEmpty("source", "databaseName", "sslMode", "certificateArn");
        DmsSource source = null;
        if (s != null) {
            String sslMode = s.optionalText("sslMode", DMS_SSL,
                    JsonFields.oneOf(List.of("none", "require", "verify-ca", "verify-full")), "require");
            String cert = s.optionalText("certificateArn", DMS_CERT_ARN, "a DMS certificate ARN", null);
            if (sslMode != null && sslMode.startsWith("verify") && cert == null && !s.has("certificateArn")) {
                f.report(s.path("certificateArn"), (String) null,
                        "a DMS certificate ARN: sslMode " + sslMode + " verifies the server against it");
            }
            source = new DmsSource(s.optionalText("databaseName", DB_NAME, "a database name",
                    jdbcDatabase(cutover.databases().source().jdbcUrl())), sslMode, cert);
        }

        Obj t = d.object("task", "resourceIdentifier", "arnInCutoverConfig", "tableMappings", "targetTablePrepMode",
                "reverseResourceIdentifier");
        DmsTask task = null;
        if (t != null) {
            String resourceId = t.text("resourceIdentifier", DMS_RESOURCE_ID,
                    "1 to 31 letters, digits or hyphens, starting with a letter, without '--' or a trailing hyphen"
                            + " (it becomes the end of the task ARN)");
            ArnMerge merge = t.optionalEnum("arnInCutoverConfig", ArnMerge.class, ArnMerge.APPEND);
            String mappings = tableMappings(f, t, cutover.databases().schemas());
            String prepMode = t.optionalText("targetTablePrepMode", PREP_MODE,
                    JsonFields.oneOf(List.of("DO_NOTHING", "TRUNCATE_BEFORE_LOAD", "DROP_AND_CREATE")), "DO_NOTHING");
            task = new DmsTask(resourceId, merge, mappings, prepMode, reverseResourceIdentifier(f, t, resourceId,
                    cutover.target().engine()));
        }

        // DMS writes its control tables into the control schema: inside databases.schemas they would be migrated,
        // counted and fenced as application data (DMS User Guide, control table task settings).
        String controlSchema = DmsTaskSettings.defaults().effectiveControlSchema();
        if (DmsTaskSettings.defaults().schemasOverlapControl(cutover.databases().schemas())) {
            f.report("databases.schemas", controlSchema, "databases.schemas without the DMS control schema \""
                    + controlSchema + "\" (" + DmsTaskSettings.CONTROL_SCHEMA_SETTING + "): DMS writes its control"
                    + " tables there");
        }

        List<ExistingDmsTask> existing = new ArrayList<>();
        List<Item> items = d.array("existingTasks", false, 0, 100);
        for (Item item : items == null ? List.<Item>of() : items) {
            Obj e = d.objectItem(item, "arn", "replicationInstanceIdentifier");
            if (e != null) {
                existing.add(new ExistingDmsTask(
                        e.text("arn", DmsTaskArn.PATTERN, DmsTaskArn.TEXT),
                        e.text("replicationInstanceIdentifier", DMS_INSTANCE_ID, "a DMS replication instance identifier")));
            }
        }
        return new Dms(instanceClass, intValue(storage), bool(multiAz), version, bool(serviceRoles), source, task,
                List.copyOf(existing));
    }

    /**
     * The reverse task's ResourceIdentifier: the configured one, or the forward task's with {@value #REVERSE_SUFFIX}
     * where that fits DMS's 31 characters. None with an Aurora MySQL target, whose reverse replication would not read
     * a PostgreSQL slot (the fall-back window over DMS is for Aurora PostgreSQL).
     */
    private static String reverseResourceIdentifier(JsonFields f, Obj task, String resourceId, Engine engine) {
        String configured = task.optionalText("reverseResourceIdentifier", DMS_RESOURCE_ID,
                "1 to 31 letters, digits or hyphens, starting with a letter, without '--' or a trailing hyphen"
                        + " (it becomes the end of the reverse task's ARN)", null);
        if (engine != Engine.AURORA_POSTGRESQL) {
            if (configured != null) {
                f.report(task.path("reverseResourceIdentifier"), "\"" + configured + "\"",
                        "no reverseResourceIdentifier: the target is " + engine.wireName()
                                + ", and the reverse DMS task reads a PostgreSQL slot on the target");
            }
            return null;
        }
        if (configured != null) {
            if (configured.equalsIgnoreCase(resourceId)) {
                f.report(task.path("reverseResourceIdentifier"), "\"" + configured + "\"",
                        "an identifier other than resourceIdentifier");
            }
            return configured;
        }
        if (resourceId == null) {
            return null;
        }
        if (resourceId.length() + REVERSE_SUFFIX.length() > 31) {
            f.report(task.path("reverseResourceIdentifier"), (String) null, "a reverseResourceIdentifier:"
                    + " resourceIdentifier + \"" + REVERSE_SUFFIX + "\" is longer than DMS's 31 characters");
            return null;
        }
        return resourceId + REVERSE_SUFFIX;
    }

    /** The configured mappings, or one selection rule per migrated schema. */
    private static String tableMappings(JsonFields f, Obj task, List<String> schemas) {
        if (task.has("tableMappings")) {
            JsonNode mappings = task.raw("tableMappings");
            JsonNode rules = mappings.get("rules");
            if (!mappings.isObject() || rules == null || !rules.isArray() || rules.isEmpty()) {
                f.report(task.path("tableMappings"), mappings, "a DMS table-mappings object with a non-empty rules array");
                return null;
            }
            return Json.write(withDrainMarker((ObjectNode) mappings.deepCopy()));
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ArrayNode rules = doc.putArray("rules");
        int id = 1;
        for (String schema : schemas) {
            ObjectNode rule = rules.addObject();
            rule.put("rule-type", "selection");
            rule.put("rule-id", Integer.toString(id));
            rule.put("rule-name", "include-" + schema);
            ObjectNode locator = rule.putObject("object-locator");
            locator.put("schema-name", schema);
            locator.put("table-name", "%");
            rule.put("rule-action", "include");
            id++;
        }
        return Json.write(withDrainMarker(doc));
    }

    /**
     * Adds a selection rule for the cutover's drain marker table in the control schema: the drain commits a row
     * there on the source after the fence and waits for it on the target, which proves every earlier commit applied
     * only if the task replicates the table (DMS User Guide, "Selection rules and actions").
     */
    private static ObjectNode withDrainMarker(ObjectNode doc) {
        ArrayNode rules = (ArrayNode) doc.get("rules");
        int max = 0;
        for (JsonNode rule : rules) {
            String id = rule.path("rule-id").asText();
            if (id.matches("[0-9]{1,9}")) {
                max = Math.max(max, Integer.parseInt(id));
            }
        }
        ObjectNode rule = rules.addObject();
        rule.put("rule-type", "selection");
        rule.put("rule-id", Integer.toString(max + 1));
        rule.put("rule-name", "include-cutover-drain-marker");
        ObjectNode locator = rule.putObject("object-locator");
        locator.put("schema-name", DmsTaskSettings.defaults().effectiveControlSchema());
        locator.put("table-name", DmsTaskSettings.DRAIN_MARKER_TABLE);
        rule.put("rule-action", "include");
        return doc;
    }
}
