package io.idbridge.mfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotpTest {
  static final Duration PERIOD = Duration.ofSeconds(30);
  static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  static JsonNode vectors() throws IOException {
    try (InputStream in = TotpTest.class.getResourceAsStream("/vectors/rfc6238-appendix-b.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void reproducesEveryRfc6238AppendixBVectorWithAllThreeHashes() throws IOException {
    JsonNode file = vectors();
    int checked = 0;
    for (JsonNode v : file.get("vectors")) {
      TotpAlgorithm alg = TotpAlgorithm.valueOf(v.get("mode").asText());
      byte[] seed = file.get("seeds").get(alg.name()).asText().getBytes(StandardCharsets.US_ASCII);
      Totp totp = new Totp(alg, 8, PERIOD, 1);
      Instant time = Instant.ofEpochSecond(v.get("time").asLong());
      long step = totp.step(time);
      assertEquals(Long.parseLong(v.get("step").asText(), 16), step, v.toString());
      assertEquals(v.get("totp").asText(), totp.code(seed, step), v.toString());
      assertEquals(List.of(step), totp.matches(seed, v.get("totp").asText(), time), v.toString());
      checked++;
    }
    assertEquals(18, checked);
  }

  @Test
  void sixDigitCodesAreTheEightDigitOnesModuloAMillion() {
    // RFC 4226 §5.3: the same truncated value, reduced modulo 10^Digit.
    assertEquals("287082", new Totp(TotpAlgorithm.SHA1, 6, PERIOD, 1).code(KEY, 1));
    assertEquals("081804", new Totp(TotpAlgorithm.SHA1, 6, PERIOD, 1).code(KEY, 0x23523ECL));
  }

  @Test
  void theWindowAcceptsOneStepEitherSideAndNoMore() {
    Totp totp = new Totp(TotpAlgorithm.SHA1, 6, PERIOD, 1);
    long t = 1_000_000;
    Instant firstSecond = Instant.ofEpochSecond(t * 30);
    Instant lastSecond = Instant.ofEpochSecond(t * 30 + 29);
    for (Instant now : List.of(firstSecond, lastSecond)) {
      assertEquals(List.of(t - 1), totp.matches(KEY, totp.code(KEY, t - 1), now));
      assertEquals(List.of(t), totp.matches(KEY, totp.code(KEY, t), now));
      assertEquals(List.of(t + 1), totp.matches(KEY, totp.code(KEY, t + 1), now));
      assertEquals(List.of(), totp.matches(KEY, totp.code(KEY, t - 2), now));
      assertEquals(List.of(), totp.matches(KEY, totp.code(KEY, t + 2), now));
    }
    assertEquals(
        List.of(t - 1),
        totp.matches(KEY, totp.code(KEY, t - 1), Instant.ofEpochSecond(t * 30 + 29)));
    assertEquals(
        Instant.ofEpochSecond((t + 2) * 30),
        totp.acceptedUntil(t),
        "step t is last accepted in t + 1");
  }

  @Test
  void aZeroWindowAcceptsOnlyTheCurrentStep() {
    Totp totp = new Totp(TotpAlgorithm.SHA1, 6, PERIOD, 0);
    Instant now = Instant.ofEpochSecond(300);
    assertEquals(List.of(10L), totp.matches(KEY, totp.code(KEY, 10), now));
    assertEquals(List.of(), totp.matches(KEY, totp.code(KEY, 9), now));
    assertEquals(List.of(), totp.matches(KEY, totp.code(KEY, 11), now));
  }

  @Test
  void codesOfTheWrongShapeNeverMatch() {
    Totp totp = new Totp(TotpAlgorithm.SHA1, 6, PERIOD, 1);
    Instant now = Instant.ofEpochSecond(59);
    String right = totp.code(KEY, 1);
    assertEquals(List.of(1L), totp.matches(KEY, right, now));
    for (String bad :
        List.of(
            "", right.substring(1), right + "0", " " + right.substring(1), "abcdef", "+87082")) {
      assertEquals(List.of(), totp.matches(KEY, bad, now), bad);
    }
  }

  @Test
  void theKeyUriFollowsTheAuthenticatorAppFormatAndEncodesTheLabel() {
    Totp totp = new Totp(TotpAlgorithm.SHA256, 8, Duration.ofSeconds(60), 1);
    assertEquals(
        "otpauth://totp/ACME%20Co:alice%3Aw%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co"
            + "&algorithm=SHA256&digits=8&period=60",
        totp.uri("ACME Co", "alice:w@example.com", "JBSWY3DPEHPK3PXP"));
  }

  @Test
  void newSecretsAre160RandomBitsInBase32() {
    SecureRandom random = new SecureRandom();
    String a = Totp.newSecret(random);
    assertEquals(32, a.length());
    assertEquals(20, Base32.decode(a).length);
    assertEquals(false, a.equals(Totp.newSecret(random)));
  }

  @Test
  void base32MatchesRfc4648Section10() {
    String[][] vectors = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"}
    };
    for (String[] v : vectors) {
      byte[] bytes = v[0].getBytes(StandardCharsets.US_ASCII);
      assertEquals(v[1], Base32.encode(bytes));
      assertArrayEquals(bytes, Base32.decode(v[1]));
    }
    assertArrayEquals(
        "foob".getBytes(StandardCharsets.US_ASCII),
        Base32.decode("mzxw 6yq="),
        "as people type it");
    assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW1"));
  }
}
