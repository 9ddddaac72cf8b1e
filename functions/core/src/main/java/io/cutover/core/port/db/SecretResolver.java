package io.cutover.core.port.db;

/**
 * Resolves a secret reference (in AWS: a Secrets Manager secret ARN holding the RDS-style JSON
 * {@code {"username": ..., "password": ...}}) into credentials.
 */
public interface SecretResolver {
    DatabaseCredentials resolve(String secretArn);
}
