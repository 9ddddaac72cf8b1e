package io.cutover.local.dms;

import io.cutover.postgres.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The control tables DMS keeps on the target, with the columns the DMS User Guide lists ("Control table task
 * settings"): {@code awsdms_apply_exceptions} always, {@code awsdms_status} only with
 * {@code ControlTablesSettings.StatusTableEnabled}. DMS writes timestamps without a time zone, in UTC.
 */
final class ControlTables {
    static final String STATUS = "awsdms_status";
    static final String EXCEPTIONS = "awsdms_apply_exceptions";
    static final String SERVER_NAME = "dms-standin.local";

    private final String schema;

    ControlTables(String schema) {
        this.schema = Identifiers.quote(schema);
    }

    void create(Connection target, boolean statusTable) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + "." + EXCEPTIONS + " (task_name varchar(128) NOT NULL,"
                    + " table_owner varchar(128), table_name varchar(128), error_time timestamp NOT NULL,"
                    + " statement text, error text)");
            if (statusTable) {
                st.execute("CREATE TABLE IF NOT EXISTS " + schema + "." + STATUS + " (server_name varchar(128),"
                        + " task_name varchar(128) NOT NULL PRIMARY KEY, task_status varchar(32), status_time timestamp,"
                        + " pending_changes bigint, disk_swap_size bigint, task_memory bigint,"
                        + " source_current_position varchar(128), source_current_timestamp timestamp,"
                        + " source_tail_position varchar(128), source_tail_timestamp timestamp,"
                        + " source_timestamp_applied timestamp)");
            }
        }
    }

    void logException(Connection target, String task, String tableOwner, String table, String statement,
                      String error) throws SQLException {
        try (PreparedStatement st = target.prepareStatement("INSERT INTO " + schema + "." + EXCEPTIONS
                + " (task_name, table_owner, table_name, error_time, statement, error) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, task);
            st.setString(2, tableOwner);
            st.setString(3, table);
            st.setTimestamp(4, utc(Instant.now()));
            st.setString(5, statement);
            st.setString(6, error);
            st.executeUpdate();
        }
    }

    /** One refresh of the task's row; positions are LSNs, timestamps source commit times. */
    void writeStatus(Connection target, String task, String taskStatus, TaskProgress.Snapshot p) throws SQLException {
        try (PreparedStatement st = target.prepareStatement("INSERT INTO " + schema + "." + STATUS
                + " (server_name, task_name, task_status, status_time, pending_changes, disk_swap_size, task_memory,"
                + " source_current_position, source_current_timestamp, source_tail_position, source_tail_timestamp,"
                + " source_timestamp_applied) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (task_name) DO UPDATE SET server_name = EXCLUDED.server_name,"
                + " task_status = EXCLUDED.task_status, status_time = EXCLUDED.status_time,"
                + " pending_changes = EXCLUDED.pending_changes, task_memory = EXCLUDED.task_memory,"
                + " source_current_position = EXCLUDED.source_current_position,"
                + " source_current_timestamp = EXCLUDED.source_current_timestamp,"
                + " source_tail_position = EXCLUDED.source_tail_position,"
                + " source_tail_timestamp = EXCLUDED.source_tail_timestamp,"
                + " source_timestamp_applied = EXCLUDED.source_timestamp_applied")) {
            st.setString(1, SERVER_NAME);
            st.setString(2, task);
            st.setString(3, taskStatus);
            st.setTimestamp(4, utc(Instant.now()));
            st.setLong(5, p.pendingChanges());
            st.setLong(6, p.pendingChanges() * 512);
            st.setString(7, p.readPosition());
            st.setTimestamp(8, utc(p.lastReadCommit()));
            st.setString(9, p.tailPosition());
            st.setTimestamp(10, utc(p.tailCommit()));
            st.setTimestamp(11, utc(p.lastAppliedCommit()));
            st.executeUpdate();
        }
    }

    private static Timestamp utc(Instant at) {
        return at == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
