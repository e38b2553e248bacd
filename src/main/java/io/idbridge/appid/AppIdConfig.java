package io.idbridge.appid;

import io.idbridge.config.ConfigReader;
import io.idbridge.config.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IBM App ID custom identity: the assertion we sign and the token exchange we perform for apps.
 *
 * @param audience the tenant's OAuth server URL, the assertions' {@code aud}; empty when App ID is
 *     not used
 * @param typ the assertions' JOSE header {@code typ}, {@code JOSE} as App ID's documentation shows
 *     it
 * @param assertionTtl how long an assertion lives unless the request asks for less or more
 * @param maxAssertionTtl the most a request may ask for
 * @param scope scopes every assertion carries
 * @param claims user attributes copied into every assertion as claims of the same name
 * @param oauthServerUrl where App ID's {@code /token} is; the audience unless set
 * @param timeout the whole exchange with App ID, connection included
 */
public record AppIdConfig(
    Optional<String> audience,
    String issuer,
    String typ,
    Duration assertionTtl,
    Duration maxAssertionTtl,
    List<String> scope,
    List<String> claims,
    Optional<String> oauthServerUrl,
    Optional<String> clientId,
    Optional<String> secret,
    Duration timeout) {

  /** An assertion must outlive its trip to App ID, and should be short (App ID's documentation). */
  static final Duration MIN_TTL = Duration.ofSeconds(10);

  static final Duration MAX_TTL = Duration.ofHours(24);

  /** Claims the assertion sets itself, which a configured custom claim must not replace. */
  static final Set<String> OWN_CLAIMS =
      Set.of(
          "iss", "sub", "aud", "exp", "iat", "nbf", "jti", "scope", "name", "email", "locale",
          "picture", "gender");

  public static AppIdConfig from(ConfigReader r) {
    Optional<String> audience = r.optional("appid.audience");
    String issuer = r.string("appid.issuer", "idbridge");
    String typ = r.string("appid.typ", "JOSE");
    Duration ttl = r.duration("appid.assertionTtl", Duration.ofMinutes(5), MIN_TTL, MAX_TTL);
    Duration max = r.duration("appid.maxAssertionTtl", Duration.ofHours(1), MIN_TTL, MAX_TTL);
    List<String> scope = scopes(r);
    List<String> claims = r.list("appid.claims", "");
    Optional<String> oauthServerUrl = r.optional("appid.oauthServerUrl");
    Optional<String> clientId = r.optional("appid.clientId");
    Optional<String> secret = r.secret("appid.secret");
    Duration timeout =
        r.duration(
            "appid.timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(2));

    audience.ifPresent(a -> requireUrl(r, "appid.audience", a, false));
    oauthServerUrl.ifPresent(u -> requireUrl(r, "appid.oauthServerUrl", u, true));
    if (audience.isEmpty()
        && (oauthServerUrl.isPresent() || clientId.isPresent() || secret.isPresent())) {
      r.problem(
          "appid.audience",
          "is required when App ID is configured (the tenant's OAuth server URL)",
          null);
    }
    if (clientId.isPresent() != secret.isPresent()) {
      r.problem("appid.secret", "and appid.clientId go together: set both, or neither", null);
    }
    if (ttl.compareTo(max) > 0) {
      r.problem(
          "appid.assertionTtl",
          "must not be longer than appid.maxAssertionTtl (" + Durations.format(max) + ")",
          Durations.format(ttl));
    }
    for (String claim : claims) {
      if (OWN_CLAIMS.contains(claim)) {
        r.problem("appid.claims", "names a claim the assertion sets itself", claim);
      }
    }
    return new AppIdConfig(
        audience, issuer, typ, ttl, max, scope, claims, oauthServerUrl, clientId, secret, timeout);
  }

  private static List<String> scopes(ConfigReader r) {
    String text = r.string("appid.scope", "");
    try {
      return Scopes.parse(text);
    } catch (IllegalArgumentException e) {
      r.problem("appid.scope", e.getMessage(), text);
      return List.of();
    }
  }

  /**
   * App ID's URLs are https. The token endpoint may also be plain http on this machine: a local
   * stand-in, or a sidecar that adds TLS; never elsewhere, since the exchange carries the client
   * secret.
   */
  private static void requireUrl(ConfigReader r, String key, String value, boolean loopbackHttp) {
    try {
      URI uri = new URI(value);
      boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
      boolean local = loopbackHttp && "http".equals(uri.getScheme()) && isLoopback(uri.getHost());
      if (!https && !local) {
        r.problem(
            key,
            "must be an https URL such as https://us-south.appid.cloud.ibm.com/oauth/v4/<tenantId>",
            value);
      }
    } catch (URISyntaxException e) {
      r.problem(key, "is not a URL", value);
    }
  }

  private static boolean isLoopback(String host) {
    return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
  }

  /** Whether App ID is used here: the assertion endpoint works once the audience is known. */
  public boolean enabled() {
    return audience.isPresent();
  }

  /** Whether our server can also perform the exchange: it needs App ID's client credentials. */
  public boolean exchangeEnabled() {
    return enabled() && clientId.isPresent() && secret.isPresent();
  }

  /** App ID's token endpoint: {@code {oauthServerUrl}/token}. */
  URI tokenEndpoint() {
    String base = oauthServerUrl.or(() -> audience).orElseThrow();
    return URI.create(base.endsWith("/") ? base + "token" : base + "/token");
  }

  @Override
  public String toString() {
    // A record would print the client secret.
    return "AppIdConfig[audience="
        + audience
        + ", issuer="
        + issuer
        + ", clientId="
        + clientId
        + "]";
  }
}
