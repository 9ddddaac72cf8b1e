package io.cutover.handlers.app;

import io.cutover.core.config.CutoverConfig;

/** Opens the databases a config names (credentials from Secrets Manager in AWS, inline locally). */
@FunctionalInterface
public interface DatabaseSideFactory {
    DatabaseSide open(CutoverConfig config);
}
