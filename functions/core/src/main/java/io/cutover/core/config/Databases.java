package io.cutover.core.config;

import java.util.List;

/** @param schemas the migrated schemas: sequences in them are synced at the switch */
public record Databases(List<String> schemas, DatabaseEndpoint source, DatabaseEndpoint target) {
}
