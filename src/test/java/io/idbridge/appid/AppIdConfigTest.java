package io.idbridge.appid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppIdConfigTest {
  static final String AUDIENCE = "https://us-south.appid.cloud.ibm.com/oauth/v4/tenant-1";

  private static AppIdConfig read(Map<String, String> props) {
    return Config.read("f", props, Map.of()).appid();
  }

  private static String problems(Map<String, String> props) {
    return assertThrows(ConfigException.class, () -> read(props)).getMessage();
  }

  @Test
  void appIdIsOffUntilTheAudienceIsSet() {
    AppIdConfig off = read(Map.of());
    assertFalse(off.enabled());
    assertFalse(off.exchangeEnabled());
    assertEquals(Duration.ofMinutes(5), off.assertionTtl());
    assertEquals("JOSE", off.typ());
  }

  @Test
  void theTokenEndpointIsTheAudiencesUnlessTheOauthServerUrlIsSet() {
    AppIdConfig config =
        read(Map.of("appid.audience", AUDIENCE, "appid.clientId", "id", "appid.secret", "s"));
    assertTrue(config.exchangeEnabled());
    assertEquals(URI.create(AUDIENCE + "/token"), config.tokenEndpoint());
    AppIdConfig local =
        read(Map.of("appid.audience", AUDIENCE, "appid.oauthServerUrl", "http://127.0.0.1:9/x/"));
    assertEquals(URI.create("http://127.0.0.1:9/x/token"), local.tokenEndpoint());
  }

  @Test
  void theAudienceMustBeAnHttpsUrlAndTheTokenEndpointHttpsOrLocal() {
    assertTrue(
        problems(Map.of("appid.audience", "http://us-south.appid.cloud.ibm.com/oauth/v4/t"))
            .contains("f: appid.audience: must be an https URL"));
    assertTrue(
        problems(
                Map.of(
                    "appid.audience",
                    AUDIENCE,
                    "appid.oauthServerUrl",
                    "http://appid.example.com/x"))
            .contains("f: appid.oauthServerUrl: must be an https URL"));
  }

  @Test
  void credentialsWithoutAnAudienceOrHalfOfThemStopStartUpWithoutEchoingTheSecret() {
    String message = problems(Map.of("appid.clientId", "id", "appid.secret", "very-secret-value"));
    assertTrue(
        message.contains("f: appid.audience: is required when App ID is configured"), message);
    assertFalse(message.contains("very-secret-value"));
    assertTrue(
        problems(Map.of("appid.audience", AUDIENCE, "appid.clientId", "id"))
            .contains("f: appid.secret: and appid.clientId go together"));
  }

  @Test
  void aCustomClaimMayNotReplaceOneTheAssertionSetsItself() {
    assertTrue(
        problems(Map.of("appid.claims", "role, sub"))
            .contains("f: appid.claims: names a claim the assertion" + " sets itself (sub)"));
  }

  @Test
  void theLifetimeMayNotExceedTheMaximum() {
    assertTrue(
        problems(Map.of("appid.assertionTtl", "2h"))
            .contains(
                "f: appid.assertionTtl: must not be longer than appid.maxAssertionTtl (1h) (2h)"));
  }

  @Test
  void scopesAreScopeTokensSeparatedBySpacesOrCommas() {
    assertEquals(
        List.of("read:profile", "photos.read"),
        read(Map.of("appid.scope", "read:profile, photos.read")).scope());
    assertTrue(problems(Map.of("appid.scope", "a\\b")).contains("f: appid.scope:"));
    assertEquals("a b c", Scopes.join(List.of("a", "b"), List.of("b", "c", "a")));
  }
}
