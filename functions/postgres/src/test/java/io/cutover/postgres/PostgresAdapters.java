package io.cutover.postgres;

import java.util.Objects;

/**
 * Every database adapter, wired to one source and one target, for the adapters' tests; the functions wire the ones they
 * use in PostgresDatabaseSide. Cheap to build: nothing connects until a step runs.
 */
public record PostgresAdapters(JdbcConnections source, JdbcConnections target) {
    public PostgresAdapters {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    public PgNativeReplicationProbe nativeReplicationProbe() {
        return new PgNativeReplicationProbe(source, target);
    }

    public PgDmsControlTables dmsControlTables() {
        return new PgDmsControlTables(target);
    }

    public PgSourceFence sourceFence() {
        return new PgSourceFence(source);
    }

    public PgReplicationDrain replicationDrain() {
        return new PgReplicationDrain(source, target);
    }

    public PgSequenceSync sequenceSync() {
        return new PgSequenceSync(source, target);
    }

    public PgSessionReplicationRoleCheck sessionReplicationRoleCheck() {
        return new PgSessionReplicationRoleCheck(target);
    }

    public PgRowCountVerifier rowCountVerifier() {
        return new PgRowCountVerifier(source, target);
    }

    public PgReplicationCleanup replicationCleanup() {
        return new PgReplicationCleanup(source, target);
    }
}
