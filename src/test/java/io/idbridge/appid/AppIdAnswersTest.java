package io.idbridge.appid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.http.ErrorReply;
import io.idbridge.http.HttpError;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** App ID's answers to the exchange, as documented: tokens, RFC 6749 errors, and the odd ones. */
class AppIdAnswersTest {

  private static ErrorReply refusal(int status, Map<String, Object> json) {
    return assertThrows(
            HttpError.class, () -> AppIdAnswers.read(status, Duration.ofSeconds(1), json))
        .error();
  }

  @Test
  void tokensAreRelayedWithAStringExpiresInAsANumber() {
    Map<String, Object> tokens =
        AppIdAnswers.read(
            200,
            Duration.ofSeconds(1),
            Map.of(
                "access_token",
                "at",
                "id_token",
                "it",
                "token_type",
                "Bearer",
                "expires_in",
                "3600",
                "refresh_token",
                "rt"));
    assertEquals(3600L, tokens.get("expires_in"));
    assertEquals("rt", tokens.get("refresh_token"));
    assertEquals(
        7200,
        AppIdAnswers.read(
                200, Duration.ofSeconds(1), Map.of("access_token", "at", "expires_in", 7200))
            .get("expires_in"));
  }

  @Test
  void aRefusalIsA502NamingAppIdsErrorAndWhatToCheck() {
    ErrorReply grant =
        refusal(400, Map.of("error", "invalid_grant", "error_description", "Invalid\nsignature"));
    assertEquals(502, grant.status());
    assertEquals("appid_rejected", grant.code());
    assertTrue(
        grant
            .message()
            .startsWith("IBM App ID refused the assertion (invalid_grant: Invalid signature)."),
        grant.message());
    assertTrue(grant.message().contains("appid.audience"));
    assertTrue(
        refusal(401, Map.of("error", "invalid_client"))
            .message()
            .endsWith("Check appid.clientId and appid.secret."));
  }

  @Test
  void anAnswerWithoutATokenIsA502AndRateLimitingA503() {
    assertEquals(502, refusal(200, Map.of("token_type", "Bearer")).status());
    assertEquals(502, refusal(500, Map.of()).status());
    assertEquals(503, refusal(429, Map.of()).status());
  }
}
