package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** A listener with a PEM certificate and key from the configuration serves HTTPS. */
class TlsListenerTest {
    @Test
    void servesTheClientApiOverTls() throws Exception {
        Path dir = Files.createTempDirectory("parley-tls");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate cert = selfSigned(keys);
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        writePem(certFile, cert);
        writePem(keyFile, new JcaPKCS8Generator(keys.getPrivate(), null)); // "BEGIN PRIVATE KEY", as openssl writes

        try (TestServer server = TestServer.start(Dialect.SQLITE, yaml -> {
            yaml.remove("public_baseurl"); // derived from the first client listener: https here
            var listener = yaml.putArray("listeners").addObject();
            listener.put("bind", "127.0.0.1").put("port", 0);
            listener.putArray("resources").add("client").add("federation");
            listener.put("tls_certificate", certFile.toString()).put("tls_private_key", keyFile.toString());
        })) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("test", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();

            Reply r = Http.send(client, HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.homeserver().port(0) + "/_matrix/client/versions")).GET());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().has("versions")).isTrue();
            assertThat(server.config.publicBaseUrl().getScheme()).isEqualTo("https");
        }
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=localhost");
        long now = System.currentTimeMillis();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
                new Date(now + 86_400_000L), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static void writePem(Path file, Object value) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(value);
        }
        Files.writeString(file, out.toString());
    }
}
