package io.idbridge.mca;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.idbridge.config.ConfigReader;
import io.idbridge.http.CallerAuthConfig;
import io.idbridge.http.Responses;
import io.idbridge.jwt.Jwk;
import io.idbridge.jwt.Pem;
import io.idbridge.jwt.Verifier;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IBM Mobile Client Access contract: which realms and tenants we serve, the challenges, and
 * MCA's own key.
 *
 * @param realms the realm names accepted, as entered in the MCA dashboard
 * @param tenants the tenant ids (app GUIDs) accepted; empty accepts any
 * @param retries wrong answers allowed at the password challenge before the flow fails (the OTP
 *     one: {@code mfa.retries})
 * @param stateTtl how long a stateId we issue stays valid: one challenge's time to answer
 * @param callerKey MCA's public key, when the first token of its {@code Authorization} header must
 *     verify
 * @param userName which of the user's names is the identity's {@code userName}
 */
public record McaConfig(
    List<String> realms,
    List<String> tenants,
    int retries,
    String challengeMessage,
    String otpMessage,
    Duration stateTtl,
    Optional<Verifier> callerKey,
    UserName userName) {

  /** The identity's {@code userName}: the stable user id, or the login name as IBM's samples. */
  public enum UserName {
    ID,
    USERNAME
  }

  public static McaConfig from(ConfigReader r, CallerAuthConfig caller) {
    List<String> realms = r.list("mca.realms", "idbridge");
    List<String> tenants = r.list("mca.tenants", "");
    int retries = r.integer("mca.retries", 3, 1, 10);
    String message = r.string("mca.challenge.message", "Enter your username and password");
    String otpMessage = r.string("mca.otp.message", "Enter the code from your authenticator app");
    Duration ttl =
        r.duration(
            "mca.state.ttl", Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1));
    Optional<Verifier> key = r.optional("mca.caller.publicKey").flatMap(text -> callerKey(r, text));
    if (key.isPresent() && caller.mode() == CallerAuthConfig.Mode.BASIC) {
      r.problem(
          "mca.caller.publicKey",
          "cannot be used with mca.caller.mode=basic: both need the Authorization " + "header",
          null);
    }
    UserName userName = r.choice("mca.userName", UserName.ID);
    return new McaConfig(realms, tenants, retries, message, otpMessage, ttl, key, userName);
  }

  /** RS256 only: MCA signs with RSA, and the key, never the token, fixes the algorithm. */
  private static Optional<Verifier> callerKey(ConfigReader r, String text) {
    try {
      PublicKey key =
          text.startsWith("{") ? Jwk.parsePublicKey(rsaJwk(text)) : Pem.readPublicKey(text);
      if (!(key instanceof RSAPublicKey)) {
        throw new IllegalArgumentException("MCA signs with RS256: the key must be RSA");
      }
      return Optional.of(Verifier.of(null, key));
    } catch (IllegalArgumentException e) {
      r.problem(
          "mca.caller.publicKey",
          "must be an RSA public key as PEM or JWK {\"n\",\"e\"}: " + e.getMessage(),
          null);
      return Optional.empty();
    }
  }

  /** MCA publishes its key as bare {@code {"n","e"}}; JWK needs {@code kty}. */
  private static Map<String, Object> rsaJwk(String json) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    try {
      Map<?, ?> given = Responses.json().readValue(json, Map.class);
      given.forEach((k, v) -> jwk.put(String.valueOf(k), v));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON");
    }
    return jwk;
  }

  public boolean accepts(String tenant, String realm) {
    return realms.contains(realm)
        && (tenants.isEmpty() || tenants.stream().anyMatch(tenant::equalsIgnoreCase));
  }
}
