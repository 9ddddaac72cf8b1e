package io.cutover.postgres;

/** {@code server_version_num} checks for the catalog columns that differ between major versions. */
final class ServerVersion {
    static final int PG16 = 160000;
    static final int PG17 = 170000;

    private ServerVersion() {
    }

    static int of(DbSession session) {
        return session.one("reading the server version",
                "SELECT current_setting('server_version_num')::int AS v", rs -> rs.getInt("v"));
    }
}
