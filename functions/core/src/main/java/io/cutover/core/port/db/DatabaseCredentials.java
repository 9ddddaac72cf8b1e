package io.cutover.core.port.db;

import java.util.Objects;

/** A database login. {@link #toString()} never prints the password. */
public record DatabaseCredentials(String username, String password) {
    public DatabaseCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=***]";
    }
}
