package io.cutover.postgres;

import io.cutover.core.port.db.DmsControlTables;
import io.cutover.core.port.db.NativeReplicationProbe;
import io.cutover.core.port.db.ReplicationCleanup;
import io.cutover.core.port.db.ReplicationDrain;
import io.cutover.core.port.db.RowCountVerifier;
import io.cutover.core.port.db.SequenceSync;
import io.cutover.core.port.db.SessionReplicationRoleCheck;
import io.cutover.core.port.db.SourceFence;

import java.util.Objects;

/**
 * Every database port, wired to one source and one target, for the adapters' tests; the functions wire the ones they
 * use in PostgresDatabaseSide. Cheap to build: nothing connects until a step runs.
 */
public record PostgresAdapters(JdbcConnections source, JdbcConnections target) {
    public PostgresAdapters {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    public NativeReplicationProbe nativeReplicationProbe() {
        return new PgNativeReplicationProbe(source, target);
    }

    public DmsControlTables dmsControlTables() {
        return new PgDmsControlTables(target);
    }

    public SourceFence sourceFence() {
        return new PgSourceFence(source);
    }

    public ReplicationDrain replicationDrain() {
        return new PgReplicationDrain(source, target);
    }

    public SequenceSync sequenceSync() {
        return new PgSequenceSync(source, target);
    }

    public SessionReplicationRoleCheck sessionReplicationRoleCheck() {
        return new PgSessionReplicationRoleCheck(target);
    }

    public RowCountVerifier rowCountVerifier() {
        return new PgRowCountVerifier(source, target);
    }

    public ReplicationCleanup replicationCleanup() {
        return new PgReplicationCleanup(source, target);
    }
}
