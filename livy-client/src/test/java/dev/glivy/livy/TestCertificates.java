package dev.glivy.livy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed certificates for TLS tests, made with the JDK's {@code keytool} (a short-lived process the test waits
 * for): a server key store and a trust store holding only its certificate.
 */
final class TestCertificates {
    static final char[] PASSWORD = "changeit".toCharArray();

    final Path serverStore;
    final Path trustStore;

    private TestCertificates(Path serverStore, Path trustStore) {
        this.serverStore = serverStore;
        this.trustStore = trustStore;
    }

    /** A certificate for {@code cn} with subject alternative names {@code san} (keytool syntax). */
    static TestCertificates create(Path dir, String cn, String san)
            throws IOException, GeneralSecurityException, InterruptedException {
        Path server = dir.resolve(cn + "-server.p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "livy",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=" + cn,
                        "-ext",
                        "SAN=" + san,
                        "-validity",
                        "2",
                        "-keystore",
                        server.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD)))
                .redirectErrorStream(true)
                .start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(
                        "keytool failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } finally {
            p.destroyForcibly();
        }
        KeyStore ks = KeyStore.getInstance(server.toFile(), PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("livy", ks.getCertificate("livy"));
        Path trustFile = dir.resolve(cn + "-trust.p12");
        try (OutputStream out = Files.newOutputStream(trustFile)) {
            trust.store(out, PASSWORD);
        }
        return new TestCertificates(server, trustFile);
    }

    /** The server side's TLS context. */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(serverStore.toFile(), PASSWORD);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
