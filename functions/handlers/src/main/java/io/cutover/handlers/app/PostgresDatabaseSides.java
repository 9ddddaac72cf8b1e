package io.cutover.handlers.app;

import io.cutover.core.config.DatabaseEndpoint;
import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseCredentials;
import io.cutover.core.port.db.DatabaseLoginUnavailableException;
import io.cutover.core.port.db.SecretResolver;
import io.cutover.postgres.JdbcConnections;

/** Opens {@link PostgresDatabaseSide}s: logins from Secrets Manager in AWS, inline in the rehearsal. */
public final class PostgresDatabaseSides {
    private PostgresDatabaseSides() {
    }

    public static DatabaseSideFactory withSecrets(SecretResolver secrets) {
        return config -> new PostgresDatabaseSide(config, connections(config.databases().source(), secrets),
                connections(config.databases().target(), secrets));
    }

    /** For configs whose endpoints carry username and password (the rehearsal, local runs). */
    public static DatabaseSideFactory inline() {
        return withSecrets(arn -> {
            throw new DatabaseLoginUnavailableException("secret " + arn
                    + " cannot be resolved here: give username and password");
        });
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
