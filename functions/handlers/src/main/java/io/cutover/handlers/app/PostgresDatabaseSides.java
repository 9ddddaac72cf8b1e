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

    /** @param dmsTasks where the DMS tasks' settings come from (control schema, status table, apply mode) */
    public static DatabaseSideFactory withSecrets(SecretResolver secrets, DmsTaskSettingsSource dmsTasks) {
        return config -> new PostgresDatabaseSide(config, connections(config.databases().source(), secrets),
                connections(config.databases().target(), secrets), dmsTasks);
    }

    /** For configs whose endpoints carry username and password (local runs), DMS tasks taken to run the defaults. */
    public static DatabaseSideFactory inline() {
        return inline(DmsTaskSettingsSource.fixed(DmsTaskSettings.defaults()));
    }

    /** Inline logins, for DMS tasks running these settings (tests that set them). */
    public static DatabaseSideFactory inline(DmsTaskSettings dmsTask) {
        return inline(DmsTaskSettingsSource.fixed(dmsTask));
    }

    /** Inline logins, the DMS tasks' settings from this source (the rehearsal reads its stand-in's). */
    public static DatabaseSideFactory inline(DmsTaskSettingsSource dmsTasks) {
        return withSecrets(arn -> {
            throw new DatabaseLoginUnavailableException("secret " + arn
                    + " cannot be resolved here: give username and password");
        }, dmsTasks);
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
