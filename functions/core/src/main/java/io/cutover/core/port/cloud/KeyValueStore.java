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

    /**
     * Creates the document only if there is none: atomic, so of two concurrent creators exactly one succeeds (in AWS:
     * PutParameter with Overwrite=false, which fails with ParameterAlreadyExists). Returns false if it existed.
     */
    boolean create(String migrationId, String name, String json);

    /** Deletes the document; deleting one that is not there changes nothing. */
    void delete(String migrationId, String name);
}
