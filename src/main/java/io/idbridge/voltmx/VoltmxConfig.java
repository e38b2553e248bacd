package io.idbridge.voltmx;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.config.ConfigReader;
import io.idbridge.json.JsonMappers;
import io.idbridge.jwt.Jwk;
import io.idbridge.jwt.Jwks;
import io.idbridge.jwt.JwtVerifier;
import io.idbridge.jwt.Pem;
import io.idbridge.jwt.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The VoltMX Foundry custom identity contract, read from {@code voltmx.*}.
 *
 * @param useridField the login form field with the user name: {@code userid}, which Foundry's
 *     session restrictions require
 * @param appField a form field naming the app when no app key header comes; empty for none
 * @param mfaEnabled whether the Foundry identity service has "Enable MFA" checked: then every login
 *     answer says {@code is_mfa_enabled}
 * @param foundryKeys the keys that verify Foundry's claims tokens; empty when none is configured
 * @param securityAttributes user attributes served only as security attributes, never to the client
 *     app
 */
public record VoltmxConfig(
    String useridField,
    String passwordField,
    String appField,
    boolean mfaEnabled,
    List<Verifier> foundryKeys,
    Set<String> securityAttributes) {

  public static VoltmxConfig from(ConfigReader r) {
    String userid = r.string("voltmx.login.useridField", "userid");
    String password = r.string("voltmx.login.passwordField", "password");
    String app = r.string("voltmx.login.appField", "");
    boolean mfa = r.bool("voltmx.mfa.enabled", false);
    List<Verifier> keys =
        r.optional("voltmx.foundry.publicKey").map(v -> keys(r, v)).orElse(List.of());
    Set<String> security = new LinkedHashSet<>(r.list("voltmx.securityAttributes", ""));
    return new VoltmxConfig(userid, password, app, mfa, keys, Set.copyOf(security));
  }

  /** A PEM or JWK (or JWK Set) given inline, or the path of a file holding one. */
  private static List<Verifier> keys(ConfigReader r, String value) {
    String key = "voltmx.foundry.publicKey";
    try {
      String text = value;
      if (!value.startsWith("{") && !value.contains("-----BEGIN")) {
        text = Files.readString(Path.of(value), StandardCharsets.UTF_8).strip();
      }
      if (!text.startsWith("{")) {
        return List.of(Verifier.of(null, Pem.readPublicKey(text)));
      }
      JsonNode json = JsonMappers.builder().build().readTree(text);
      List<Verifier> keys = json.has("keys") ? Jwks.parse(text) : List.of(Jwk.parseVerifier(text));
      if (keys.isEmpty()) {
        r.problem(key, "the JWK Set holds no RS256 or ES256 signing key", null);
        return List.of();
      }
      // Several keys need distinct kids, or a token could not say which one signed it.
      JwtVerifier.builder().keys(keys).build();
      return keys;
    } catch (IOException | InvalidPathException e) {
      r.problem(
          key,
          "must be a PEM public key, a JWK, or a file holding one (" + e.getMessage() + ")",
          null);
    } catch (IllegalArgumentException | IllegalStateException e) {
      r.problem(key, "is not a usable public key: " + e.getMessage(), null);
    }
    return List.of();
  }
}
