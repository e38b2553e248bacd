package io.idbridge.tls;

import io.idbridge.config.ConfigException;
import io.idbridge.config.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * HTTPS in the embedded server: the certificate as a PKCS#12 key store, or as the two PEM files
 * certbot writes ({@code fullchain.pem}, {@code privkey.pem}); off when neither is set.
 *
 * @param reloadInterval how often the files are compared with what was loaded (a renewed
 *     certificate is served from the next check on)
 * @param redirectHttpPort a plain HTTP port that redirects to HTTPS, when {@code redirectHttp}
 */
public record TlsConfig(
    String source,
    Optional<Path> keyStore,
    Optional<String> keyStorePassword,
    Optional<Path> certificate,
    Optional<Path> key,
    Duration reloadInterval,
    boolean redirectHttp,
    int redirectHttpPort) {
  private static final String P = "server.tls.";

  public static TlsConfig from(ConfigReader r) {
    TlsConfig tls =
        new TlsConfig(
            r.source(),
            r.optional(P + "keyStore").map(Path::of),
            r.secret(P + "keyStorePassword"),
            r.optional(P + "certificate").map(Path::of),
            r.optional(P + "key").map(Path::of),
            r.duration(
                P + "reloadInterval",
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                Duration.ofDays(1)),
            r.bool(P + "redirectHttp", false),
            r.integer(P + "redirectHttpPort", 80, 0, 65535));
    tls.check(r);
    return tls;
  }

  private void check(ConfigReader r) {
    if (keyStore.isPresent() && (certificate.isPresent() || key.isPresent())) {
      r.problem(
          P + "keyStore",
          "set either it or " + P + "certificate and " + P + "key (PEM), not both",
          null);
    } else if (certificate.isPresent() != key.isPresent()) {
      r.problem(
          certificate.isPresent() ? P + "key" : P + "certificate",
          "is required with "
              + (certificate.isPresent() ? P + "certificate" : P + "key")
              + " (certbot: privkey.pem with fullchain.pem)",
          null);
    }
    if (keyStore.isPresent() && keyStorePassword.isEmpty()) {
      r.problem(P + "keyStorePassword", "is required with " + P + "keyStore", null);
    }
    if (redirectHttp && !enabled()) {
      r.problem(
          P + "redirectHttp", "needs TLS: set " + P + "certificate or " + P + "keyStore", null);
    }
  }

  /** Whether the server speaks HTTPS. */
  public boolean enabled() {
    return keyStore.isPresent() || certificate.isPresent();
  }

  /** The files the certificate is read from, in the order {@link ServerCertificate} reads them. */
  List<Path> files() {
    return keyStore.map(List::of).orElseGet(() -> List.of(certificate.get(), key.get()));
  }

  /** A problem with the material found when reading it, reported like the reader's own. */
  ConfigException problem(String name, String why) {
    return new ConfigException(List.of(source + ": " + P + name + ": " + why));
  }
}
