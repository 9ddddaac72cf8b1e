package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.handlers.AlarmRollbackHandler;
import io.cutover.local.LocalWorkflow;
import io.cutover.local.adapters.LocalAlarms;
import io.cutover.local.dms.DmsStandIn;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import io.cutover.postgres.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Breaks things at the moment a fault names, from the workflow's task listener, and puts them back afterwards so
 * the report can query both servers. An alarm is sent to the real alarm function as EventBridge would deliver it
 * (asynchronously, at once), not discovered at the workflow's next poll.
 */
final class FaultInjector implements LocalWorkflow.TaskListener {
    private static final java.time.Duration WATCH_ALARM_WAIT = java.time.Duration.ofSeconds(60);
    private final List<Fault> faults;
    private final RehearsalServers servers;
    private final LocalAlarms alarms;
    private final AlarmRollbackHandler alarmFunction;
    private final String alarmName;
    static final String PREPARED_GID = "cutover_rehearsal_fault";
    /** The client id of the write past the fence: never one of the load's acknowledged writes. */
    static final long BYPASS_CLIENT_ID = -1;

    private final List<InjectedFault> injections = new ArrayList<>();
    private final RehearsalSchema schema;
    private boolean bypassed;
    private Long stoppedWalsender;
    private boolean targetRefusing;
    private boolean subscriptionDisabled;
    private boolean alarmRaised;
    /** The target sequence renamed away (qualified, as it was) and the name it was given, or null. */
    private String[] hiddenSequence;
    private boolean replicaRoleSet;
    private boolean transactionPrepared;
    private Thread alarmDelivery;
    private volatile JsonNode alarmAnswer;
    private final LongSupplier targetAcknowledged;
    private final DmsStandIn dms;
    /** The reverse DMS task (target to source) the switch starts; null for native replication. */
    private final DmsStandIn reverse;
    /** The DMS faults injected so far: each happens once. */
    private final java.util.Set<Fault.Kind> dmsInjected = java.util.EnumSet.noneOf(Fault.Kind.class);
    private boolean dmsBehind;
    /** The DMS faults injected as the fence begins (their {@code @switch} forms). */
    static final java.util.Set<Fault.Kind> DMS_AT_SWITCH = java.util.EnumSet.of(Fault.Kind.TASK_FAILED_SWITCH,
            Fault.Kind.TASK_STOPPED_SWITCH, Fault.Kind.TABLE_ERROR_SWITCH, Fault.Kind.VALIDATION_FAILED_SWITCH,
            Fault.Kind.DMS_LAG_SWITCH);
    /** The DMS faults injected into the reverse task while watching after the switch (their {@code @watch} forms). */
    static final java.util.Set<Fault.Kind> DMS_AT_WATCH = java.util.EnumSet.of(Fault.Kind.TASK_FAILED_WATCH,
            Fault.Kind.TASK_STOPPED_WATCH, Fault.Kind.TABLE_ERROR_WATCH, Fault.Kind.APPLY_EXCEPTION_WATCH,
            Fault.Kind.VALIDATION_FAILED_WATCH);
    /** How far lag@switch puts the task behind: a production drain deadline, longer than any rehearsal's. */
    static final Duration DMS_LAG = Duration.ofSeconds(300);

    /**
     * @param targetAcknowledged how many writes the target has acknowledged so far (the client journal)
     * @param dms                the DMS stand-in ({@code --replication dms}); null for native replication
     * @param reverse            its reverse task; null for native replication
     */
    FaultInjector(List<Fault> faults, RehearsalServers servers, RehearsalSchema schema, LocalAlarms alarms,
                  AlarmRollbackHandler alarmFunction, String alarmName, LongSupplier targetAcknowledged,
                  DmsStandIn dms, DmsStandIn reverse) {
        this.targetAcknowledged = targetAcknowledged;
        this.dms = dms;
        this.reverse = reverse;
        this.faults = List.copyOf(faults);
        this.schema = schema;
        this.servers = servers;
        this.alarms = alarms;
        this.alarmFunction = alarmFunction;
        this.alarmName = alarmName;
    }

    @Override
    public synchronized void before(String task, JsonNode input) {
        if (task.equals("switchWriter") && has(Fault.Kind.TARGET_DOWN) && !targetRefusing) {
            servers.executeInMaintenanceDatabase(Side.TARGET,
                    "ALTER DATABASE " + EmbeddedReplicatedPair.DATABASE + " ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                            + EmbeddedReplicatedPair.DATABASE + "' AND backend_type = 'client backend'");
            targetRefusing = true;
            injected(Fault.Kind.TARGET_DOWN, "target database refuses new connections (ALLOW_CONNECTIONS false) and "
                    + "its client sessions were terminated; replication workers keep running");
        }
        // Stopped as the fence begins, the walsender never delivers the last writes before the fence (nor the
        // fence's own commits): the drain that follows has something to wait for. Stopped at the drain itself it
        // would usually find the target already caught up.
        if (task.equals("fenceSource") && has(Fault.Kind.SOURCE_SLOW) && stoppedWalsender == null) {
            Long pid = servers.walsenderPid();
            if (pid == null) {
                injected(Fault.Kind.SOURCE_SLOW, "not injected: no walsender serves slot " + RehearsalServers.SLOT);
            } else {
                RehearsalServers.signal(pid, "STOP");
                stoppedWalsender = pid;
                injected(Fault.Kind.SOURCE_SLOW, "walsender " + pid + " of slot " + RehearsalServers.SLOT
                        + " stopped (SIGSTOP) as the fence began, resumed (SIGCONT) when the rollback began: the "
                        + "source delivers nothing during the drain");
            }
        }
        if (task.equals("syncSequences") && has(Fault.Kind.SEQUENCE_MISSING) && hiddenSequence == null) {
            hideSequenceOnTarget();
        }
        if (task.equals("resetSessionReplicationRole") && has(Fault.Kind.REPLICA_ROLE) && !replicaRoleSet) {
            setServerReplicationRole("replica");
            replicaRoleSet = true;
            injected(Fault.Kind.REPLICA_ROLE, "ALTER SYSTEM SET session_replication_role = replica on the target and"
                    + " the configuration reloaded: a reset of the database and role settings cannot change it");
        }
        if (task.equals("fenceSource") && has(Fault.Kind.PREPARED_XACT) && !transactionPrepared) {
            servers.execute(Side.SOURCE, "BEGIN", "SELECT txid_current()",
                    "PREPARE TRANSACTION '" + PREPARED_GID + "'");
            transactionPrepared = true;
            injected(Fault.Kind.PREPARED_XACT, "transaction '" + PREPARED_GID + "' prepared on the source as the "
                    + "fence began (rolled back when the rehearsal ends)");
        }
        if (task.equals("drain") && has(Fault.Kind.FENCE_BYPASS) && !bypassed) {
            bypassed = true;
            injected(Fault.Kind.FENCE_BYPASS, writePastTheFence());
        }
        if (task.equals("drain") && has(Fault.Kind.APPLY_EXCEPTION) && dms != null) {
            injectDms(Fault.Kind.APPLY_EXCEPTION, "after the fence");
        }
        if (task.equals("fenceSource") && dms != null) {
            for (Fault fault : faults) {
                if (DMS_AT_SWITCH.contains(fault.kind())) {
                    injectDms(fault.kind(), "as the fence began");
                }
            }
        }
        if (task.equals("rollback")) {
            // The source was slow during the drain only: it delivers again once the rollback has begun.
            resumeWalsender();
        }
        if (task.equals("watch") && reverse != null) {
            for (Fault fault : faults) {
                if (DMS_AT_WATCH.contains(fault.kind()) && !dmsInjected.contains(fault.kind())) {
                    awaitTargetWrites();
                    injectDmsReverse(fault.kind(), "while watching after the switch, with "
                            + targetAcknowledged.getAsLong() + " writes acknowledged by the target");
                }
            }
        }
        if (task.equals("watch") && has(Fault.Kind.ALARM_WATCH) && !alarmRaised) {
            awaitTargetWrites();
            raiseAlarm(Fault.Kind.ALARM_WATCH, "while watching after the switch, with " + targetAcknowledged.getAsLong()
                    + " writes acknowledged by the target");
        }
    }

    /**
     * The application keeps writing to its new primary while the watch waits: a fault @watch comes once the target
     * holds writes the source does not, so the rollback has something to carry back.
     */
    private void awaitTargetWrites() {
        long deadline = System.currentTimeMillis() + WATCH_ALARM_WAIT.toMillis();
        while (targetAcknowledged.getAsLong() < Fault.WRITES_BEFORE_WATCH_ALARM
                && System.currentTimeMillis() < deadline) {
            pause();
        }
    }

    /**
     * A DMS fault in the reverse task (target to source), once: what it had read and not applied, and whatever the
     * target commits after, does not reach the source until the rollback resumes it, or (a table in error, a change
     * logged as not applied on the source) ever.
     */
    private void injectDmsReverse(Fault.Kind kind, String when) {
        if (!dmsInjected.add(kind)) {
            return;
        }
        Identifiers.QualifiedName table = Identifiers.parseQualified(schema.journalTable());
        String task = "reverse DMS task " + reverse.settings().taskArn();
        String detail = switch (kind) {
            case TASK_FAILED_WATCH -> {
                reverse.failTask("injected: the replication instance lost its connection to the target");
                yield task + " " + reverse.status() + " (FATAL_ERROR) " + when + "; it applies nothing more to the"
                        + " source until resumed";
            }
            case TASK_STOPPED_WATCH -> {
                String status = reverse.stop();
                yield "StopReplicationTask of the " + task + " " + when + " (status " + status + ")";
            }
            case TABLE_ERROR_WATCH -> {
                reverse.tableError(table.schema(), table.name());
                yield table.quoted() + " suspended in 'Table error' in the " + task + " " + when + "; its changes no"
                        + " longer reach the source";
            }
            case APPLY_EXCEPTION_WATCH -> {
                reverse.refuseNextChange(table.schema(), table.name(), "injected: the source refused the change");
                // The watch must find it: it waits for the next target write to the table to be refused and logged
                // (a CommitTimeout or so), as a real exception would be there before a later poll.
                boolean logged;
                try {
                    logged = reverse.awaitRefusal(table.schema(), table.name(), java.time.Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    logged = false;
                }
                if (!logged) {
                    throw new IllegalStateException("the reverse task refused no change to " + table.quoted()
                            + " within 30 s: no target write to it reached the task");
                }
                yield "the next change to " + table.quoted() + " is refused by the source and logged in the " + task
                        + "'s awsdms_apply_exceptions on the source " + when + ", as DMS logs a change it could not"
                        + " apply: that target write does not reach the source";
            }
            case VALIDATION_FAILED_WATCH -> {
                // A row the reverse task carried, held wrong on the source: were it left so, the client's write would
                // count as lost once the writer is back on the source.
                long changed = updateOnSource("UPDATE " + table.quoted() + " SET client_id = -client_id"
                        + " WHERE id = (SELECT max(id) FROM " + table.quoted() + ") AND client_id > 0");
                reverse.failValidation(table.schema(), table.name(), changed);
                yield changed + " row of " + table.quoted() + " made to differ on the source and reported by the "
                        + task + "'s validation (ValidationFailedRecords) " + when;
            }
            default -> throw new IllegalArgumentException(kind + " is not a reverse DMS fault");
        };
        injected(kind, detail);
    }

    /**
     * One of the DMS stand-in's faults, once, on the journal table where it concerns a table: what DMS does when the
     * task fails or is stopped, a table goes into error, validation finds a mismatch, a change cannot be applied, or
     * the task falls behind.
     */
    private void injectDms(Fault.Kind kind, String when) {
        if (!dmsInjected.add(kind)) {
            return;
        }
        Identifiers.QualifiedName table = Identifiers.parseQualified(schema.journalTable());
        String detail = switch (kind) {
            case TASK_FAILED, TASK_FAILED_SWITCH -> {
                dms.failTask("injected: the replication instance lost its source connection");
                yield "DMS task " + dms.status() + " (FATAL_ERROR) " + when + "; it applies nothing more";
            }
            case TASK_STOPPED, TASK_STOPPED_SWITCH -> {
                String status = dms.stop();
                yield "StopReplicationTask " + when + " (status " + status + "); what it read and did not apply stays"
                        + " unapplied";
            }
            case TABLE_ERROR, TABLE_ERROR_SWITCH -> {
                dms.tableError(table.schema(), table.name());
                yield table.quoted() + " suspended in 'Table error' " + when + "; its changes are no longer applied";
            }
            case VALIDATION_FAILED, VALIDATION_FAILED_SWITCH -> {
                dms.failValidation(table.schema(), table.name(), 3);
                yield "validation of " + table.quoted() + " found 3 rows that differ (ValidationFailedRecords) " + when;
            }
            case APPLY_EXCEPTION, APPLY_EXCEPTION_STEP -> {
                dms.applyException(table.schema(), table.name(), "UPDATE " + table.quoted() + " SET client_id = "
                        + BYPASS_CLIENT_ID + " WHERE false", "injected: the target refused the change");
                yield "a change to " + table.quoted() + " logged in the task's awsdms_apply_exceptions " + when
                        + ", as DMS logs a change it could not apply";
            }
            case DMS_LAG_SWITCH -> {
                dms.fallBehind(DMS_LAG);
                dmsBehind = true;
                yield "the DMS task holds every change " + DMS_LAG.toSeconds() + " s more before applying it, " + when
                        + " (caught up again when the rehearsal ends)";
            }
            default -> throw new IllegalArgumentException(kind + " is not a DMS fault");
        };
        injected(kind, detail);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for target writes", e);
        }
    }

    /** The alarm to ALARM, and its state change to the AlarmRollback function as EventBridge delivers it: at once. */
    private void raiseAlarm(Fault.Kind kind, String when) {
        alarmRaised = true;
        alarms.set(alarmName, AlarmState.ALARM);
        String event = alarmEvent(alarmName, Instant.now());
        injected(kind, "alarm " + alarmName + " in ALARM " + when
                + "; CloudWatch Alarm State Change sent to the AlarmRollback function");
        alarmDelivery = Thread.ofPlatform().daemon().name("eventbridge-alarm")
                .start(() -> alarmAnswer = alarmFunction.handle(event));
    }

    @Override
    public synchronized void after(String task, JsonNode input, JsonNode output) {
        if (!task.equals("shiftReaders")) {
            return;
        }
        int percent = input.path("percent").asInt();
        for (Fault fault : faults) {
            if (!fault.kind().atReaderStep() || fault.percent() != percent) {
                continue;
            }
            switch (fault.kind()) {
                case LAG -> {
                    if (!subscriptionDisabled) {
                        servers.execute(Side.TARGET, "ALTER SUBSCRIPTION " + EmbeddedReplicatedPair.SUBSCRIPTION
                                + " DISABLE");
                        subscriptionDisabled = true;
                        injected(Fault.Kind.LAG, "subscription " + EmbeddedReplicatedPair.SUBSCRIPTION
                                + " disabled after the reader shift to " + percent + "%: the target stops applying");
                    }
                }
                case ALARM -> {
                    if (!alarmRaised) {
                        raiseAlarm(Fault.Kind.ALARM, "after the reader shift to " + percent + "%");
                    }
                }
                case TASK_FAILED, TASK_STOPPED, TABLE_ERROR, VALIDATION_FAILED, APPLY_EXCEPTION_STEP -> {
                    if (dms != null) {
                        injectDms(fault.kind(), "after the reader shift to " + percent + "%");
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * As the fenced application role: turns the read-only default off for its session and writes one row the way the
     * application does (client id -1: no acknowledged write of the load). Replication carries it to the target before
     * the drain returns, so the row counts match and only the fence check can tell.
     */
    private String writePastTheFence() {
        try (Connection app = servers.openApp(Side.SOURCE); Statement st = app.createStatement();
             PreparedStatement write = app.prepareStatement(schema.writeSql())) {
            st.execute("SET default_transaction_read_only = off");
            schema.bindWrite(write, BYPASS_CLIENT_ID);
            write.execute();
        } catch (SQLException e) {
            return "not injected: the write past the fence failed: " + e.getMessage();
        }
        boolean delivered = servers.awaitCaughtUp(Duration.ofSeconds(30));
        return "a session of " + RehearsalServers.APP_ROLE + " ran SET default_transaction_read_only = off and "
                + schema.writeSql().replace('?', '-').split(" ")[0] + " one row (client id " + BYPASS_CLIENT_ID
                + ") after the fence" + (delivered ? "; replication delivered it to the target" : "");
    }

    private void hideSequenceOnTarget() {
        String[] sequence = firstString(Side.TARGET, """
                SELECT n.nspname || '|' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind = 'S' AND n.nspname = ANY(?::text[]) AND NOT EXISTS (SELECT 1 FROM pg_depend d
                       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                 ORDER BY 1 LIMIT 1""", servers.schemas());
        if (sequence == null) {
            injected(Fault.Kind.SEQUENCE_MISSING, "not injected: the target has no free-standing sequence");
            return;
        }
        String hidden = sequence[1] + "_hidden_by_rehearsal";
        servers.execute(Side.TARGET, "ALTER SEQUENCE " + Identifiers.quote(sequence[0]) + "."
                + Identifiers.quote(sequence[1]) + " RENAME TO " + Identifiers.quote(hidden));
        hiddenSequence = new String[] {sequence[0], sequence[1], hidden};
        injected(Fault.Kind.SEQUENCE_MISSING, "target sequence " + sequence[0] + "." + sequence[1] + " renamed to "
                + hidden + " as the sequences were synced (renamed back when the rehearsal ends)");
    }

    /** The rows a statement changed on the source, as its superuser (past the fence). */
    private long updateOnSource(String sql) {
        try (Connection admin = servers.openAdmin(Side.SOURCE); Statement st = admin.createStatement()) {
            return st.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("fault: " + sql + " failed on the source: " + e.getMessage(), e);
        }
    }

    private String[] firstString(Side side, String sql, List<String> schemas) {
        try (Connection admin = servers.openAdmin(side); PreparedStatement st = admin.prepareStatement(sql)) {
            st.setArray(1, admin.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1).split("\\|", 2) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fault injection: " + e.getMessage(), e);
        }
    }

    /** ALTER SYSTEM and a reload; waits until a fresh session sees the new default (the reload is asynchronous). */
    private void setServerReplicationRole(String value) {
        servers.execute(Side.TARGET, value == null ? "ALTER SYSTEM RESET session_replication_role"
                : "ALTER SYSTEM SET session_replication_role = " + value, "SELECT pg_reload_conf()");
        String expected = value == null ? "origin" : value;
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            try (Connection admin = servers.openAdmin(Side.TARGET); Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("SELECT reset_val FROM pg_settings"
                         + " WHERE name = 'session_replication_role'")) {
                if (rs.next() && expected.equals(rs.getString(1))) {
                    return;
                }
                Thread.sleep(50);
            } catch (SQLException e) {
                throw new IllegalStateException("fault injection: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Puts every injected fault back (subscription, connections, walsender, alarm), waiting for the alarm call. */
    synchronized void restore() {
        resumeWalsender();
        if (dmsBehind) {
            dms.fallBehind(Duration.ZERO);
            dmsBehind = false;
        }
        if (hiddenSequence != null) {
            servers.execute(Side.TARGET, "ALTER SEQUENCE " + Identifiers.quote(hiddenSequence[0]) + "."
                    + Identifiers.quote(hiddenSequence[2]) + " RENAME TO " + Identifiers.quote(hiddenSequence[1]));
            hiddenSequence = null;
        }
        if (replicaRoleSet) {
            setServerReplicationRole(null);
            replicaRoleSet = false;
        }
        if (transactionPrepared) {
            servers.execute(Side.SOURCE, "ROLLBACK PREPARED '" + PREPARED_GID + "'");
            transactionPrepared = false;
        }
        if (targetRefusing) {
            servers.executeInMaintenanceDatabase(Side.TARGET,
                    "ALTER DATABASE " + EmbeddedReplicatedPair.DATABASE + " ALLOW_CONNECTIONS true");
            targetRefusing = false;
        }
        if (subscriptionDisabled) {
            servers.execute(Side.TARGET, "ALTER SUBSCRIPTION " + EmbeddedReplicatedPair.SUBSCRIPTION + " ENABLE");
            subscriptionDisabled = false;
        }
        if (alarmDelivery != null) {
            try {
                alarmDelivery.join(java.time.Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (alarmRaised) {
            alarms.set(alarmName, AlarmState.OK);
        }
    }

    synchronized List<InjectedFault> injections() {
        return List.copyOf(injections);
    }

    /** When the alarm was sent to the alarm function (epoch ms), or null. */
    synchronized Long alarmSentAt() {
        return injections.stream().filter(i -> i.fault().kind() == Fault.Kind.ALARM
                        || i.fault().kind() == Fault.Kind.ALARM_WATCH).map(InjectedFault::at).findFirst().orElse(null);
    }

    JsonNode alarmAnswer() {
        return alarmAnswer;
    }

    private void resumeWalsender() {
        if (stoppedWalsender != null) {
            RehearsalServers.signal(stoppedWalsender, "CONT");
            stoppedWalsender = null;
        }
    }

    private boolean has(Fault.Kind kind) {
        return faults.stream().anyMatch(f -> f.kind() == kind);
    }

    private void injected(Fault.Kind kind, String detail) {
        Fault fault = faults.stream().filter(f -> f.kind() == kind).findFirst().orElseThrow();
        injections.add(new InjectedFault(fault, System.currentTimeMillis(), detail));
    }

    /** A CloudWatch Alarm State Change event as EventBridge delivers it. */
    static String alarmEvent(String alarmName, Instant at) {
        ObjectNode event = EventBridgeEnvelope.of("CloudWatch Alarm State Change", "aws.cloudwatch", at, "cloudwatch",
                "alarm:" + alarmName);
        ObjectNode detail = event.putObject("detail");
        detail.put("alarmName", alarmName);
        detail.putObject("state").put("value", "ALARM")
                .put("reason", "rehearsal: fault injected (alarm@N)").put("timestamp", at.toString());
        detail.putObject("previousState").put("value", "OK").put("reason", "rehearsal baseline")
                .put("timestamp", at.toString());
        return Json.write(event);
    }
}
