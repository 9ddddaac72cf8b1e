package io.cutover.handlers;

import io.cutover.core.config.CutoverConfig;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DatabaseSideFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * No PostgreSQL is reachable from these tests: every open fails, as an unreachable target would, and is
 * counted so a test can prove the databases were (or were not) asked for.
 */
final class UnreachableDatabases implements DatabaseSideFactory {
    private final AtomicInteger opens = new AtomicInteger();

    @Override
    public DatabaseSide open(CutoverConfig config) {
        opens.incrementAndGet();
        throw new IllegalStateException("connection refused: " + config.databases().target().jdbcUrl()
                + " is not reachable from this test");
    }

    int opens() {
        return opens.get();
    }

    void reset() {
        opens.set(0);
    }
}
