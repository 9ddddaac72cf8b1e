package io.cutover.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The DMS replication task settings, written once: the CDK app deploys {@link #toJson()}, the handlers read the
 * control schema from here, and the local DMS stand-in runs the same values, so what {@code cdk deploy} creates is
 * what the rehearsal runs.
 *
 * <p>The fields the cutover depends on, with the DMS User Guide section that defines each:
 * <ul>
 *   <li>{@code ControlTablesSettings.StatusTableEnabled}: DMS creates {@code awsdms_status} only when this is true
 *   (it defaults to false; "Control table task settings"). The writer gate reads that table, so it is on.</li>
 *   <li>{@code ControlTablesSettings.ControlSchema}: the target schema of the control tables. The default,
 *   {@value #DEFAULT_CONTROL_SCHEMA}, is a schema of its own, outside {@code databases.schemas}, so the tables DMS
 *   writes are neither migrated, counted nor fenced as application data.</li>
 *   <li>{@code TargetMetadata.BatchApplyEnabled} false: transactional apply, in source commit order ("Target
 *   metadata task settings"); batch apply documents temporary lapses in transactional integrity.</li>
 *   <li>{@code ChangeProcessingTuning.MinTransactionSize} and {@code CommitTimeout}: with transactional apply, DMS
 *   groups source transactions into one target transaction of at least that many changes, or commits what it has
 *   after that many seconds ("Change processing tuning settings"; defaults 1000 and 1).</li>
 * </ul>
 *
 * @param statusTableEnabled   {@code ControlTablesSettings.StatusTableEnabled}
 * @param controlSchema        {@code ControlTablesSettings.ControlSchema}; blank = the target's default schema
 * @param batchApplyEnabled    {@code TargetMetadata.BatchApplyEnabled}
 * @param minTransactionSize   {@code ChangeProcessingTuning.MinTransactionSize}
 * @param commitTimeoutSeconds {@code ChangeProcessingTuning.CommitTimeout}
 * @param targetTablePrepMode  {@code FullLoadSettings.TargetTablePrepMode}
 */
public record DmsTaskSettings(boolean statusTableEnabled, String controlSchema, boolean batchApplyEnabled,
                              int minTransactionSize, int commitTimeoutSeconds, String targetTablePrepMode) {
    public static final String DEFAULT_CONTROL_SCHEMA = "awsdms_control";
    /** Named in refusals so the operator knows which setting to change. */
    public static final String STATUS_TABLE_SETTING = "ControlTablesSettings.StatusTableEnabled";
    /**
     * The cutover's drain marker table, in the control schema on both sides; the task mappings the CDK app deploys
     * select it, so a row committed on the source after the fence reaches the target behind every earlier commit.
     */
    public static final String DRAIN_MARKER_TABLE = "cutover_drain_marker";
    public static final String BATCH_APPLY_SETTING = "TargetMetadata.BatchApplyEnabled";
    public static final String CONTROL_SCHEMA_SETTING = "ControlTablesSettings.ControlSchema";
    public static final int DEFAULT_MIN_TRANSACTION_SIZE = 1000;
    public static final int DEFAULT_COMMIT_TIMEOUT_SECONDS = 1;
    public static final String DEFAULT_PREP_MODE = "DO_NOTHING";
    private static final Pattern PREP_MODE = Pattern.compile("DO_NOTHING|TRUNCATE_BEFORE_LOAD|DROP_AND_CREATE");
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final String PUBLIC = "public";

    public DmsTaskSettings {
        controlSchema = controlSchema == null ? "" : controlSchema;
        List<Problem> problems = new ArrayList<>();
        if (!controlSchema.isEmpty() && !SCHEMA.matcher(controlSchema).matches()) {
            problems.add(new Problem(CONTROL_SCHEMA_SETTING, controlSchema, "a PostgreSQL schema name"));
        }
        if (minTransactionSize < 1) {
            problems.add(new Problem("ChangeProcessingTuning.MinTransactionSize", Integer.toString(minTransactionSize),
                    "at least 1"));
        }
        if (commitTimeoutSeconds < 1) {
            problems.add(new Problem("ChangeProcessingTuning.CommitTimeout", Integer.toString(commitTimeoutSeconds),
                    "at least 1 (seconds)"));
        }
        if (targetTablePrepMode == null || !PREP_MODE.matcher(targetTablePrepMode).matches()) {
            problems.add(new Problem("FullLoadSettings.TargetTablePrepMode", targetTablePrepMode,
                    "one of DO_NOTHING, TRUNCATE_BEFORE_LOAD, DROP_AND_CREATE"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException("DMS task settings", problems);
        }
    }

    /** What the stack deploys: the status table on, its own control schema, transactional apply. */
    public static DmsTaskSettings defaults() {
        return new DmsTaskSettings(true, DEFAULT_CONTROL_SCHEMA, false, DEFAULT_MIN_TRANSACTION_SIZE,
                DEFAULT_COMMIT_TIMEOUT_SECONDS, DEFAULT_PREP_MODE);
    }

    public DmsTaskSettings withTargetTablePrepMode(String mode) {
        return new DmsTaskSettings(statusTableEnabled, controlSchema, batchApplyEnabled, minTransactionSize,
                commitTimeoutSeconds, mode);
    }

    /** The schema the control tables are in: a blank ControlSchema means the target's default, {@code public}. */
    public String effectiveControlSchema() {
        return controlSchema.isEmpty() ? PUBLIC : controlSchema;
    }

    /** True when the control schema is one of the migrated schemas (the control tables would be migrated too). */
    public boolean schemasOverlapControl(java.util.Collection<String> migratedSchemas) {
        return migratedSchemas.contains(effectiveControlSchema());
    }

    /**
     * Reads a task settings document as DMS takes it (e.g. the file given to {@code --dms-task-settings}); a
     * field it leaves out takes DMS's documented default, so StatusTableEnabled left out means no status table.
     */
    public static DmsTaskSettings parse(String json) {
        JsonNode root = Json.parseTree(json, "DMS task settings");
        List<Problem> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new InvalidDocumentException("DMS task settings", List.of(new Problem("$", root.getNodeType()
                    .name().toLowerCase(), "a JSON object")));
        }
        JsonNode control = root.path("ControlTablesSettings");
        boolean status = bool(control, "StatusTableEnabled", STATUS_TABLE_SETTING, false, problems);
        String schema = control.path("ControlSchema").isMissingNode() ? "" : text(control, "ControlSchema",
                CONTROL_SCHEMA_SETTING, problems);
        boolean batch = bool(root.path("TargetMetadata"), "BatchApplyEnabled", BATCH_APPLY_SETTING,
                false, problems);
        JsonNode tuning = root.path("ChangeProcessingTuning");
        int min = integer(tuning, "MinTransactionSize", "ChangeProcessingTuning.MinTransactionSize",
                DEFAULT_MIN_TRANSACTION_SIZE, problems);
        int timeout = integer(tuning, "CommitTimeout", "ChangeProcessingTuning.CommitTimeout",
                DEFAULT_COMMIT_TIMEOUT_SECONDS, problems);
        JsonNode prep = root.path("FullLoadSettings").path("TargetTablePrepMode");
        String mode = prep.isMissingNode() ? DEFAULT_PREP_MODE : prep.asText();
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException("DMS task settings", problems);
        }
        return new DmsTaskSettings(status, schema, batch, min, timeout, mode);
    }

    /** Full load then CDC, with CloudWatch logging of every component, row validation and the fields above. */
    public String toJson() {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.putObject("FullLoadSettings").put("TargetTablePrepMode", targetTablePrepMode);
        ObjectNode metadata = settings.putObject("TargetMetadata");
        metadata.put("SupportLobs", true);
        metadata.put("LimitedSizeLobMode", true);
        metadata.put("LobMaxSize", 32);
        metadata.put("BatchApplyEnabled", batchApplyEnabled);
        ObjectNode control = settings.putObject("ControlTablesSettings");
        control.put("ControlSchema", controlSchema);
        control.put("StatusTableEnabled", statusTableEnabled);
        ObjectNode tuning = settings.putObject("ChangeProcessingTuning");
        tuning.put("MinTransactionSize", minTransactionSize);
        tuning.put("CommitTimeout", commitTimeoutSeconds);
        ObjectNode logging = settings.putObject("Logging");
        logging.put("EnableLogging", true);
        ArrayNode components = logging.putArray("LogComponents");
        for (String component : List.of("SOURCE_UNLOAD", "SOURCE_CAPTURE", "TARGET_LOAD", "TARGET_APPLY",
                "TASK_MANAGER", "VALIDATOR_EXT")) {
            ObjectNode c = components.addObject();
            c.put("Id", component);
            c.put("Severity", "LOGGER_SEVERITY_DEFAULT");
        }
        ObjectNode validation = settings.putObject("ValidationSettings");
        validation.put("EnableValidation", true);
        validation.put("ValidationMode", "ROW_LEVEL");
        validation.put("ThreadCount", 5);
        validation.put("FailureMaxCount", 10000);
        return Json.write(settings);
    }

    private static boolean bool(JsonNode parent, String name, String field, boolean otherwise, List<Problem> out) {
        JsonNode v = parent.path(name);
        if (v.isMissingNode()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            out.add(new Problem(field, v.toString(), "true or false"));
            return otherwise;
        }
        return v.booleanValue();
    }

    private static int integer(JsonNode parent, String name, String field, int otherwise, List<Problem> out) {
        JsonNode v = parent.path(name);
        if (v.isMissingNode()) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            out.add(new Problem(field, v.toString(), "an integer"));
            return otherwise;
        }
        return v.intValue();
    }

    private static String text(JsonNode parent, String name, String field, List<Problem> out) {
        JsonNode v = parent.path(name);
        if (!v.isTextual()) {
            out.add(new Problem(field, v.toString(), "a schema name (text)"));
            return "";
        }
        return v.textValue();
    }
}
