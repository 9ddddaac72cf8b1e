package io.cutover.core.config;

/**
 * The PostgreSQL source endpoint's heartbeat ({@code PostgreSqlSettings.HeartbeatEnable}, {@code HeartbeatFrequency},
 * {@code HeartbeatSchema}; DMS User Guide, "Endpoint settings when using PostgreSQL as a DMS source"). DMS then
 * writes to an {@code awsdms_heartbeat} table on the source every {@code frequencyMinutes}, so the slot's position
 * advances on an idle source and neither its WAL nor {@code CDCLatencySource} grows while nothing is written.
 *
 * @param enabled          HeartbeatEnable
 * @param frequencyMinutes HeartbeatFrequency, in minutes (DMS's default is 5)
 * @param schema           HeartbeatSchema: where the heartbeat table lives on the source
 */
public record SourceHeartbeat(boolean enabled, int frequencyMinutes, String schema) {
    /** DMS names its heartbeat table so. */
    public static final String TABLE = "awsdms_heartbeat";

    public SourceHeartbeat {
        if (frequencyMinutes < 1) {
            throw new IllegalArgumentException("HeartbeatFrequency: " + frequencyMinutes + " is below 1 minute");
        }
        if (schema == null || schema.isBlank()) {
            throw new IllegalArgumentException("HeartbeatSchema: missing");
        }
    }

    /** Every minute, in the control schema (outside the migrated schemas, like the control tables). */
    public static SourceHeartbeat defaults() {
        return new SourceHeartbeat(true, 1, DmsTaskSettings.DEFAULT_CONTROL_SCHEMA);
    }
}
