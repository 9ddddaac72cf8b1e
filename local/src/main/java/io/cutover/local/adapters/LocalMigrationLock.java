package io.cutover.local.adapters;

import io.cutover.core.port.cloud.LockAcquisition;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.LockRelease;
import io.cutover.core.port.cloud.MigrationLock;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The per-migration lock with the same create-if-absent semantics as PutParameter(Overwrite=false). */
public final class LocalMigrationLock implements MigrationLock {
    private final Map<String, LockHolder> holders = new HashMap<>();
    private final EffectLog effects;
    private final Clock clock;

    public LocalMigrationLock(EffectLog effects, Clock clock) {
        this.effects = effects;
        this.clock = clock;
    }

    public synchronized LocalMigrationLock seed(String migrationId, LockHolder holder) {
        holders.put(migrationId, holder);
        return this;
    }

    @Override
    public synchronized LockAcquisition acquire(String migrationId, String owner) {
        LockHolder holder = holders.get(migrationId);
        if (holder == null) {
            holder = new LockHolder(owner, clock.instant());
            holders.put(migrationId, holder);
            effects.record("ssm:PutParameter(Overwrite=false)", "/cutover/" + migrationId + "/lock", holder);
            return new LockAcquisition.Acquired(holder, false);
        }
        if (holder.owner().equals(owner)) {
            return new LockAcquisition.Acquired(holder, true);
        }
        return new LockAcquisition.Refused(migrationId, owner, holder);
    }

    @Override
    public synchronized LockRelease release(String migrationId, String owner) {
        LockHolder holder = holders.get(migrationId);
        if (holder == null) {
            return new LockRelease.NotHeld(migrationId);
        }
        if (!holder.owner().equals(owner)) {
            return new LockRelease.Refused(migrationId, owner, holder);
        }
        holders.remove(migrationId);
        effects.record("ssm:DeleteParameter", "/cutover/" + migrationId + "/lock", holder);
        return new LockRelease.Released(holder);
    }

    public synchronized LockHolder holder(String migrationId) {
        return holders.get(migrationId);
    }
}
