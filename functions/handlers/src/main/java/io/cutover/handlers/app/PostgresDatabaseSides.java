package io.cutover.handlers.app;

import io.cutover.core.config.DatabaseEndpoint;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseCredentials;
import io.cutover.core.port.db.DatabaseLoginUnavailableException;
import io.cutover.core.port.db.SecretResolver;
import io.cutover.postgres.JdbcConnections;

/** Opens {@link PostgresDatabaseSide}s: logins from Secrets Manager in AWS, inline in the rehearsal. */
public final class PostgresDatabaseSides {
    private PostgresDatabaseSides() {
    }

    /** With the DMS task settings the CDK app deploys ({@link DmsTaskSettings#defaults()}). */
    public static DatabaseSideFactory withSecrets(SecretResolver secrets) {
        return withSecrets(secrets, DmsTaskSettings.defaults());
    }

    /** @param dmsTask the DMS task's settings (control schema, transactional or batch apply) */
    public static DatabaseSideFactory withSecrets(SecretResolver secrets, DmsTaskSettings dmsTask) {
        return config -> new PostgresDatabaseSide(config, connections(config.databases().source(), secrets),
                connections(config.databases().target(), secrets), dmsTask);
    }

    /** For configs whose endpoints carry username and password (the rehearsal, local runs). */
    public static DatabaseSideFactory inline() {
        return inline(DmsTaskSettings.defaults());
    }

    /** Inline logins, for a DMS task (the rehearsal's stand-in) running these settings. */
    public static DatabaseSideFactory inline(DmsTaskSettings dmsTask) {
        return withSecrets(arn -> {
            throw new DatabaseLoginUnavailableException("secret " + arn
                    + " cannot be resolved here: give username and password");
        }, dmsTask);
    }

    static JdbcConnections connections(DatabaseEndpoint endpoint, SecretResolver secrets) {
        ConnectionSettings settings = endpoint.secretArn() != null
                ? ConnectionSettings.withSecret(endpoint.jdbcUrl(), endpoint.secretArn(), endpoint.sslMode())
                : ConnectionSettings.withCredentials(endpoint.jdbcUrl(),
                new DatabaseCredentials(endpoint.username(), endpoint.password()), endpoint.sslMode());
        if (endpoint.sslRootCert() != null) {
            settings = settings.withSslRootCert(endpoint.sslRootCert());
        }
        return new JdbcConnections(settings, secrets);
    }
}
