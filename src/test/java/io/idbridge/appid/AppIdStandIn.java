package io.idbridge.appid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local stand-in for IBM App ID's token endpoint over real HTTP: it checks what App ID checks
 * (the grant type, the client's Basic credentials, the assertion's signature with the public key
 * "pasted in its console", its aud and exp) and answers as App ID does, tokens or an RFC 6749
 * error.
 */
final class AppIdStandIn implements AutoCloseable {
  static final String TENANT = "3e0a1c2b-7d4f-4b6a-9c51-8f2e6d0a1b37";
  static final String CLIENT_ID = "5c9f1e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";
  static final String SECRET = "ZTEzZjM1NWItOWRiZi00NDk4LWJiMjEt";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Clock clock;
  private final String audience;
  private volatile RSAPublicKey trusted;
  private volatile Map<String, String> lastForm = Map.of();
  private volatile JWTClaimsSet lastClaims;
  private volatile int forcedStatus;
  private volatile String forcedBody;
  private volatile Map<String, String> forcedHeaders = Map.of();

  AppIdStandIn(Clock clock, String audience) throws IOException {
    this.clock = clock;
    this.audience = audience;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth/v4/" + TENANT + "/token", this::token);
    server.start();
  }

  /** The oauthServerUrl to configure: where {@code /token} is. */
  String oauthServerUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/v4/" + TENANT;
  }

  /** What the administrator pastes in App ID's console: an SPKI PEM public key. */
  void trust(String pem) throws Exception {
    trusted = publicKey(pem);
  }

  /** An SPKI PEM read with the JDK alone, independent of idbridge's own PEM code. */
  static RSAPublicKey publicKey(String pem) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
  }

  /** Makes the next answers this one, whatever is asked, until {@link #answerNormally}. */
  void answer(int status, String body) {
    answer(status, body, Map.of());
  }

  void answer(int status, String body, Map<String, String> headers) {
    forcedStatus = status;
    forcedHeaders = headers;
    forcedBody = body;
  }

  void answerNormally() {
    forcedBody = null;
  }

  Map<String, String> lastForm() {
    return lastForm;
  }

  JWTClaimsSet lastClaims() {
    return lastClaims;
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (forcedBody != null) {
        forcedHeaders.forEach(exchange.getResponseHeaders()::set);
        send(exchange, forcedStatus, forcedBody);
        return;
      }
      Map<String, String> form =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      lastForm = form;
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!"POST".equals(exchange.getRequestMethod())
          || type == null
          || !type.startsWith("application/x-www-form-urlencoded")) {
        send(exchange, 400, error("invalid_request", "POST a form"));
      } else if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, error("invalid_client", "client authentication failed"));
      } else if (!AppIdTokenEndpoint.GRANT_TYPE.equals(form.get("grant_type"))) {
        send(exchange, 400, error("unsupported_grant_type", "unsupported grant type"));
      } else {
        String refusal = refusal(form.get("assertion"));
        if (refusal != null) {
          send(exchange, 400, error("invalid_grant", refusal));
        } else {
          String sub = lastClaims.getSubject();
          send(
              exchange,
              200,
              JSON.writeValueAsString(
                  Map.of(
                      "access_token",
                      "at-" + sub,
                      "id_token",
                      "it-" + sub,
                      "token_type",
                      "Bearer",
                      "expires_in",
                      "3600",
                      "scope",
                      "openid appid_default " + form.get("scope"))));
        }
      }
    }
  }

  /** Why App ID would refuse the assertion, or null. */
  private String refusal(String assertion) {
    try {
      SignedJWT jwt = SignedJWT.parse(assertion);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
          || !new JOSEObjectType("JOSE").equals(jwt.getHeader().getType())) {
        return "header is not RS256/JOSE";
      }
      if (!jwt.verify(new RSASSAVerifier(trusted))) {
        return "Invalid assertion signature";
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!claims.getAudience().equals(java.util.List.of(audience))) {
        return "Invalid audience";
      }
      if (claims.getExpirationTime() == null
          || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
        return "Assertion expired";
      }
      lastClaims = claims;
      return null;
    } catch (Exception e) {
      return "Malformed assertion";
    }
  }

  private static String error(String code, String description) throws IOException {
    return JSON.writeValueAsString(Map.of("error", code, "error_description", description));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
