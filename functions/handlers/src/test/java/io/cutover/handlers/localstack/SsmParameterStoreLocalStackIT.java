package io.cutover.handlers.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.aws.SsmKeyValueStore;
import io.cutover.aws.SsmMigrationLock;
import io.cutover.core.port.cloud.LockAcquisition;
import io.cutover.core.port.cloud.LockRelease;
import org.junit.jupiter.api.Test;

/** The Parameter Store adapters against LocalStack's SSM: documents round-trip and the lock is create-if-absent. */
class SsmParameterStoreLocalStackIT extends LocalStackAws {
    @Test
    void documents_roundTrip_includingOneOverTheStandardTierLimit() {
        SsmKeyValueStore store = new SsmKeyValueStore(clients::ssm);
        String large = "{\"samples\":\"" + "x".repeat(5000) + "\"}";

        store.put("orders-db", "state", "{\"phase\":\"SHIFTING\"}");
        store.put("orders-db", "readiness", large);
        store.put("orders-db", "state", "{\"phase\":\"READY\"}");

        assertThat(store.get("orders-db", "state")).contains("{\"phase\":\"READY\"}");
        assertThat(store.get("orders-db", "readiness")).contains(large);
        assertThat(store.get("orders-db", "rollback-point")).isEmpty();
    }

    @Test
    void lock_isHeldByOneExecutionAtATime_andOnlyTheHolderReleasesIt() {
        SsmMigrationLock lock = new SsmMigrationLock(clients::ssm);

        LockAcquisition first = lock.acquire("billing-db", "billing-db-1");
        LockAcquisition second = lock.acquire("billing-db", "billing-db-2");
        LockAcquisition again = lock.acquire("billing-db", "billing-db-1");
        LockRelease wrongOwner = lock.release("billing-db", "billing-db-2");
        LockRelease released = lock.release("billing-db", "billing-db-1");
        LockAcquisition afterRelease = lock.acquire("billing-db", "billing-db-2");

        assertThat(first).isInstanceOf(LockAcquisition.Acquired.class);
        assertThat(second).isInstanceOfSatisfying(LockAcquisition.Refused.class,
                r -> assertThat(r.reason()).contains("billing-db-1"));
        assertThat(again).isInstanceOfSatisfying(LockAcquisition.Acquired.class,
                a -> assertThat(a.alreadyHeld()).isTrue());
        assertThat(wrongOwner).isInstanceOf(LockRelease.Refused.class);
        assertThat(released).isInstanceOf(LockRelease.Released.class);
        assertThat(afterRelease).isInstanceOf(LockAcquisition.Acquired.class);
    }
}
