package io.cutover.core.port.cloud;

import java.util.Optional;

/**
 * JSON documents kept per migration (in AWS: Parameter Store under {@code /cutover/{migrationId}/{name}}).
 * Names are plain path segments such as {@code config}, {@code state}, {@code readiness}.
 */
public interface KeyValueStore {

    Optional<String> get(String migrationId, String name);

    /** Creates or overwrites the document. */
    void put(String migrationId, String name, String json);
}
