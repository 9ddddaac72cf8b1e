package io.cutover.core.config;

/**
 * How to reach one database. In AWS the login comes from {@code secretArn}; the local rehearsal
 * gives {@code username}/{@code password} directly.
 */
public record DatabaseEndpoint(
        String jdbcUrl,
        String secretArn,
        String username,
        String password,
        String sslMode,
        String sslRootCert) {

    /** Where the functions find the CA bundle the CDK app deploys (a Lambda layer's files are under /opt). */
    public static final String LAMBDA_CA_BUNDLE = "/opt/cutover/ca-bundle.pem";

    /** sslMode verify-ca and verify-full check the server's certificate against a CA bundle (sslRootCert). */
    public static boolean verifiesCertificate(String sslMode) {
        return "verify-ca".equals(sslMode) || "verify-full".equals(sslMode);
    }

    public boolean verifiesCertificate() {
        return verifiesCertificate(sslMode);
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[jdbcUrl=" + jdbcUrl + ", secretArn=" + secretArn + ", username=" + username
                + ", password=" + (password == null ? "null" : "***") + ", sslMode=" + sslMode + "]";
    }
}
