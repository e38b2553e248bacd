package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestCertificates;
import io.idbridge.testing.TestKeys;
import io.idbridge.testing.TestServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS served by the embedded server from certbot's two PEM files, with a CA of the test's own: a
 * real TLS client, the protocols and suites it may use, a renewal served without a restart, and the
 * plain port that redirects.
 */
class TlsIT {
  static final TestCertificates CA = new TestCertificates();
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("idbridge-tls");
    KeyPair keys = TestKeys.ec();
    CA.writeCertbotFiles(dir, keys, CA.issue(keys));
    server =
        TestServer.start(
            Map.of(
                "server.tls.certificate", dir.resolve("fullchain.pem").toString(),
                "server.tls.key", dir.resolve("privkey.pem").toString(),
                "server.tls.reloadInterval", "1s",
                "server.tls.redirectHttp", "true",
                "server.tls.redirectHttpPort", "0"),
            new FakeClock(Instant.now()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpClient client(SSLParameters parameters) {
    HttpClient.Builder b =
        HttpClient.newBuilder().sslContext(CA.trusting()).connectTimeout(Duration.ofSeconds(5));
    return (parameters == null ? b : b.sslParameters(parameters)).build();
  }

  static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static BigInteger servedSerial() throws Exception {
    HttpResponse<String> res = get(client(null), server.uri("/health"));
    return ((X509Certificate) res.sslSession().orElseThrow().getPeerCertificates()[0])
        .getSerialNumber();
  }

  @Test
  void servesHttpsWithCertbotsFullchainAndPrivkey() throws Exception {
    assertEquals("https", server.uri("/").getScheme());
    HttpResponse<String> res = get(client(null), server.uri("/health"));
    assertEquals(200, res.statusCode(), res.body());
    assertEquals("TLSv1.3", res.sslSession().orElseThrow().getProtocol());
    assertEquals(
        2, res.sslSession().orElseThrow().getPeerCertificates().length, "the chain is served");
  }

  @Test
  void tls12IsServedWithForwardSecretAeadSuitesOnly() throws Exception {
    SSLParameters gcm = new SSLParameters();
    gcm.setProtocols(new String[] {"TLSv1.2"});
    gcm.setCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
    assertEquals(
        "TLSv1.2",
        get(client(gcm), server.uri("/health")).sslSession().orElseThrow().getProtocol());

    SSLParameters cbc = new SSLParameters();
    cbc.setProtocols(new String[] {"TLSv1.2"});
    cbc.setCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
    assertThrows(SSLHandshakeException.class, () -> get(client(cbc), server.uri("/health")));
  }

  @Test
  void aRenewedCertificateIsServedWithoutARestart() throws Exception {
    BigInteger before = servedSerial();
    KeyPair renewed = TestKeys.ec();
    X509Certificate next = CA.issue(renewed);
    // Certbot's order: the new key may land before its certificate; the pair is taken once both
    // match.
    CA.writeCertbotFiles(dir, renewed, next);

    // Bounded poll: the server compares the files every second (server.tls.reloadInterval).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    BigInteger served = before;
    while (!served.equals(next.getSerialNumber()) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
      served = servedSerial();
    }
    assertEquals(next.getSerialNumber(), served, "the renewed certificate is served");
  }

  @Test
  void thePlainPortRedirectsReadsToHttpsAndRefusesTheRest() throws Exception {
    int https = server.ports().get(0);
    URI plain = URI.create("http://localhost:" + server.ports().get(1) + "/health?x=1");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> get = get(http, plain);
    assertEquals(301, get.statusCode());
    assertEquals(
        "https://localhost:" + https + "/health?x=1",
        get.headers().firstValue("Location").orElseThrow());

    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(plain.resolve("/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString("username=a&password=b"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, post.statusCode());
    assertTrue(post.body().contains("https_required"), post.body());
  }
}
