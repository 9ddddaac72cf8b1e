package io.cutover.postgres.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and a server certificate signed by it, made with the JDK's keytool (no openssl on a fresh
 * machine), in the PEM files PostgreSQL and the JDBC driver read.
 *
 * @param caCertificate     the CA's certificate: what {@code sslrootcert} points at
 * @param serverCertificate the server's certificate, for {@code ssl_cert_file}
 * @param serverKey         its PKCS#8 private key, mode 0600, for {@code ssl_key_file}
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {
    private static final String PASSWORD = "changeit";

    /** A new CA in {@code dir}, and a certificate for {@code serverHostName} (its only subject alternative name). */
    public static TestCertificates create(Path dir, String caName, String serverHostName) {
        try {
            Files.createDirectories(dir);
            Path ca = dir.resolve(caName + ".p12");
            Path server = dir.resolve(caName + "-server.p12");
            Path request = dir.resolve(caName + "-server.csr");
            TestCertificates files = new TestCertificates(dir.resolve(caName + ".pem"),
                    dir.resolve(caName + "-server.crt"), dir.resolve(caName + "-server.key"));
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=" + caName, "-ext", "bc:c", "-keystore", ca.toString());
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
                    "-file", files.caCertificate().toString());
            keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=" + serverHostName, "-keystore", server.toString());
            keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", request.toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-validity", "2",
                    "-ext", "san=dns:" + serverHostName, "-infile", request.toString(),
                    "-outfile", files.serverCertificate().toString());
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(server)) {
                store.load(in, PASSWORD.toCharArray());
            }
            PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
            Files.writeString(files.serverKey(), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            // PostgreSQL refuses a private key that others can read.
            Files.setPosixFilePermissions(files.serverKey(), PosixFilePermissions.fromString("rw-------"));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("reading the server key keytool wrote", e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-noprompt", "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
