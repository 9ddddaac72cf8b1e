package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.NON_BLANK;
import static io.cutover.cdk.config.CommonFields.configuredPath;
import static io.cutover.cdk.config.CommonFields.fieldName;
import static io.cutover.cdk.config.CommonFields.inCutover;
import static io.cutover.cdk.config.DeploymentConfigLoader.RDS_GLOBAL_BUNDLE_FILE;
import static io.cutover.cdk.config.DeploymentConfigLoader.RDS_GLOBAL_BUNDLE_URL;

import io.cutover.cdk.config.DeploymentConfigLoader.Overrides;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DatabaseEndpoint;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code functions.caBundle}: the PEM CA bundle deployed as a layer, checked against the cutover config's TLS
 * settings and parsed the way the JDBC driver will parse it in Lambda.
 */
final class CaBundleSection {
    /** The start of a PEM certificate block; a bundle holds one per certificate authority. */
    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private CaBundleSection() {
    }

    /** @param pem null when the file failed its checks (reported) */
    record CaBundle(Path file, byte[] pem) {
    }

    /**
     * The CA bundle the functions verify the databases' certificates with. With sslMode verify-ca or verify-full
     * the JDBC driver reads it from the endpoint's {@code sslRootCert} (without one, from
     * {@code ~/.postgresql/root.crt}, which no Lambda function has), so every verifying endpoint must point at the
     * path the CDK app deploys the bundle to, and the bundle must be given and hold certificates the driver reads.
     */
    static CaBundle parse(JsonFields f, Obj fn, Path base, Overrides overrides, CutoverConfig cutover,
                          Path cutoverFile) {
        String text = fn.optionalText("caBundle", NON_BLANK,
                "the path of a PEM CA bundle, relative to this file, such as \"" + RDS_GLOBAL_BUNDLE_FILE + "\"", null);
        Path bundle = configuredPath(overrides.caBundle(), text, base);
        String field = fieldName(overrides.caBundle(), "caBundle", "functions.caBundle");

        String inCutover = inCutover(cutoverFile);
        List<String> verifying = new ArrayList<>();
        for (String side : List.of("source", "target")) {
            DatabaseEndpoint endpoint = "source".equals(side) ? cutover.databases().source()
                    : cutover.databases().target();
            if (!endpoint.verifiesCertificate()) {
                continue;
            }
            verifying.add("databases." + side + ".sslMode " + endpoint.sslMode());
            if (!DatabaseEndpoint.LAMBDA_CA_BUNDLE.equals(endpoint.sslRootCert())) {
                f.report("databases." + side + ".sslRootCert" + inCutover,
                        endpoint.sslRootCert() == null ? null : "\"" + endpoint.sslRootCert() + "\"",
                        "\"" + DatabaseEndpoint.LAMBDA_CA_BUNDLE + "\": sslMode " + endpoint.sslMode()
                                + " makes the functions read the CA bundle from this path, where the layer built from"
                                + " functions.caBundle puts it (no other CA bundle exists in Lambda)");
            }
        }
        if (bundle == null) {
            if (!verifying.isEmpty() && !fn.present("caBundle")) {
                f.report("functions.caBundle", (String) null, "the path of a PEM CA bundle, relative to this file:"
                        + " the functions verify the database certificates (" + cutoverFile.getFileName() + ": "
                        + String.join(", ", verifying) + ") and find no CA bundle in Lambda unless this app deploys one. For RDS and"
                        + " Aurora, download Amazon's global bundle next to this file ("
                        + downloadCommand(base.resolve(RDS_GLOBAL_BUNDLE_FILE)) + ")"
                        + " and set \"caBundle\": \"" + RDS_GLOBAL_BUNDLE_FILE + "\"");
            }
            return null;
        }
        return new CaBundle(bundle, readCaBundle(f, field, bundle));
    }

    private static String downloadCommand(Path file) {
        return "curl -fsSL -o " + file + " " + RDS_GLOBAL_BUNDLE_URL;
    }

    /**
     * The bundle must be certificates in PEM form that the JDBC driver can read; it parses them the same way.
     *
     * @return the content, or null when a problem was reported
     */
    private static byte[] readCaBundle(JsonFields f, String field, Path bundle) {
        String value = "\"" + bundle + "\"";
        if (!Files.isRegularFile(bundle)) {
            f.report(field, value, "an existing PEM CA bundle file: for RDS and Aurora download Amazon's global bundle with "
                    + downloadCommand(bundle));
            return null;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(bundle);
        } catch (IOException e) {
            f.report(field, value, "a readable PEM CA bundle file (" + e.getClass().getSimpleName() + ")");
            return null;
        }
        // ISO-8859-1 maps every byte, so a binary (DER) file is searched rather than rejected by the decoder.
        if (!new String(content, StandardCharsets.ISO_8859_1).contains(PEM_CERTIFICATE)) {
            f.report(field, value, "a PEM CA bundle with at least one " + PEM_CERTIFICATE + " block (not a DER"
                    + " certificate, a key or a download's error page): for RDS and Aurora, " + downloadCommand(bundle));
            return null;
        }
        // pgjdbc loads sslrootcert with CertificateFactory.generateCertificates: what fails here fails in Lambda.
        try (InputStream in = new ByteArrayInputStream(content)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                f.report(field, value, "a PEM CA bundle whose certificates the JDBC driver can read: it reads none");
                return null;
            }
        } catch (CertificateException | IOException e) {
            f.report(field, value, "a PEM CA bundle whose certificates the JDBC driver can read: " + e.getMessage());
            return null;
        }
        return content;
    }
}
