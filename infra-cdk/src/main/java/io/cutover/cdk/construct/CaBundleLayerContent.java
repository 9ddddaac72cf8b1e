package io.cutover.cdk.construct;

import io.cutover.core.config.DatabaseEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The content of the CA bundle layer: a directory holding only {@link #PATH_IN_LAYER}, which Lambda extracts
 * under {@code /opt} to {@link DatabaseEndpoint#LAMBDA_CA_BUNDLE}. Staged at synthesis under the cloud assembly
 * ({@code cdk.out}), never in the source tree; CDK then copies it as an asset. Plain Java, no CDK types.
 */
public final class CaBundleLayerContent {
    /** Lambda extracts every layer under this directory. */
    public static final Path LAYER_ROOT = Path.of("/opt");
    /** Where the bundle sits inside the layer: {@link DatabaseEndpoint#LAMBDA_CA_BUNDLE} relative to /opt. */
    public static final Path PATH_IN_LAYER = LAYER_ROOT.relativize(Path.of(DatabaseEndpoint.LAMBDA_CA_BUNDLE));
    /** The directory of the cloud assembly that holds staged layer contents. */
    public static final String STAGING_DIR = "cutover-staging";

    private CaBundleLayerContent() {
    }

    /**
     * Writes the bundle into a directory of its own under {@code stagingRoot}, named after the content so that
     * repeated syntheses reuse it and different bundles never share one. The file is world-readable (directories
     * world-listable): the asset zip keeps the modes, and Lambda runs the function as a user who does not own it.
     *
     * @return the directory to use as the layer's content
     */
    public static Path stage(byte[] pem, Path stagingRoot) {
        Path dir = stagingRoot.toAbsolutePath().normalize().resolve("ca-bundle-" + contentId(pem));
        Path file = dir.resolve(PATH_IN_LAYER.toString());
        try {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), pem)) {
                return dir;
            }
            Files.createDirectories(file.getParent());
            // Written beside the content directory, never in it: a leftover would become part of the layer.
            Path partial = dir.resolveSibling(dir.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
            Files.write(partial, pem);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
                for (Path d = file.getParent(); d.startsWith(dir); d = d.getParent()) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the CA bundle layer in " + dir, e);
        }
    }

    /** The first 16 hex digits of the bundle's SHA-256: its staging directory's name and the layer's description. */
    public static String contentId(byte[] pem) {
        return sha256(pem).substring(0, 16);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is available in every JDK", e);
        }
    }
}
