package io.idbridge.mfa;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Components;
import io.idbridge.Config;
import io.idbridge.core.AuthResult;
import io.idbridge.core.Contract;
import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.LoginFailures;
import io.idbridge.core.LoginListener;
import io.idbridge.core.TokenType;
import io.idbridge.core.Tokens;
import io.idbridge.directory.User;
import io.idbridge.directory.WritableUserDirectory;
import io.idbridge.jwt.JwsAlgorithm;
import io.idbridge.jwt.KeyRing;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestComponents;
import io.idbridge.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second factor without a server: codes, replay, the mfa_token, the mfa_key and enrollment. */
class SecondFactorTest {
  static final String IP = "192.0.2.10";
  static final Set<Contract> API = Set.of(Contract.API);

  @TempDir Path dir;
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:10Z"));
  Components c;
  SecondFactor mfa;
  MfaTokens tokens;
  LoginFailures failures;
  WritableUserDirectory users;
  Totp totp;

  @BeforeEach
  void build() {
    c = TestComponents.build(dir, clock, Map.of("throttle.threshold", "4"));
    mfa = c.mfa();
    tokens = c.mfaTokens();
    failures = new LoginFailures(c.config().throttle(), c.state(), clock);
    users = (WritableUserDirectory) c.directory();
    totp = mfa.config().totp();
  }

  User enrolled(String name) {
    users.add(
        User.of(
            "id-" + name,
            name,
            c.hashes().hash("pw-" + name),
            name,
            name + "@example.com",
            Map.of()));
    return new TotpEnrollment(users, mfa.config(), new java.security.SecureRandom())
        .enroll(users.findByUsername(name).orElseThrow(), true)
        .user();
  }

  String codeOf(User user, Duration offset) {
    return totp.code(Base32.decode(user.totpSecret()), totp.step(clock.instant().plus(offset)));
  }

  String codeOf(User user) {
    return codeOf(user, Duration.ZERO);
  }

  AuthResult login(String name) {
    return c.authenticator().login(new LoginAttempt(Contract.API, name, "pw-" + name, IP));
  }

  void wrongCodes(User user, int count) {
    for (int i = 0; i < count; i++) {
      assertEquals(MfaException.Reason.WRONG_CODE, refusal(() -> mfa.verify(user, "000000", IP)));
    }
  }

  MfaException.Reason refusal(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(MfaException.class, call).reason();
  }

  @Test
  void anMfaTokenIsRedeemedOnlyByTheCodeStepsOfTheContractThatIssuedIt() throws Exception {
    User alice = enrolled("alice");
    String mca = tokens.pendingToken(alice, Contract.MCA);
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        refusal(() -> mfa.complete(mca, Set.of(Contract.API, Contract.VOLTMX), codeOf(alice), IP)));
    assertEquals(alice.id(), mfa.complete(mca, Set.of(Contract.MCA), codeOf(alice), IP).id());
  }

  @Test
  void aRightCodeIsAcceptedOnceAndRefusedWhenReplayedWithinItsWindow() throws Exception {
    User alice = enrolled("alice");
    String code = codeOf(alice);
    mfa.verify(alice, code, IP);
    assertEquals(MfaException.Reason.WRONG_CODE, refusal(() -> mfa.verify(alice, code, IP)));
    clock.advance(Duration.ofSeconds(30));
    assertEquals(
        MfaException.Reason.WRONG_CODE,
        refusal(() -> mfa.verify(alice, code, IP)),
        "still inside the window one step later");
    assertDoesNotThrow(
        () -> mfa.verify(alice, codeOf(alice), IP), "the next step's code is a new code");
  }

  @Test
  void theReplayMarkIsSharedThroughTheStateStoreNotThisObject() throws Exception {
    User alice = enrolled("alice");
    String code = codeOf(alice);
    mfa.verify(alice, code, IP);
    SecondFactor otherNode =
        new SecondFactor(
            mfa.config(), tokens, c.state(), failures, c.directory(), clock, LoginListener.NONE);
    assertEquals(MfaException.Reason.WRONG_CODE, refusal(() -> otherNode.verify(alice, code, IP)));
  }

  @Test
  void theWindowEdgesFollowTheClock() {
    User alice = enrolled("alice");
    clock.set(Instant.ofEpochSecond(totp.step(clock.instant()) * 30));
    assertDoesNotThrow(
        () -> mfa.verify(alice, codeOf(alice, Duration.ofSeconds(-30)), IP), "one step back");
    assertDoesNotThrow(
        () -> mfa.verify(alice, codeOf(alice, Duration.ofSeconds(30)), IP), "one step ahead");
    assertEquals(
        MfaException.Reason.WRONG_CODE,
        refusal(() -> mfa.verify(alice, codeOf(alice, Duration.ofSeconds(-31)), IP)),
        "two steps back");
    assertEquals(
        MfaException.Reason.WRONG_CODE,
        refusal(() -> mfa.verify(alice, codeOf(alice, Duration.ofSeconds(60)), IP)),
        "two steps ahead");
    String current = codeOf(alice);
    clock.advance(Duration.ofSeconds(59));
    assertDoesNotThrow(
        () -> mfa.verify(alice, current, IP), "a code is good until its next step ends");
  }

  @Test
  void wrongCodesCountAsLoginFailuresUntilEvenTheRightCodeIsThrottled() {
    User alice = enrolled("alice");
    wrongCodes(alice, 4);
    MfaException e = assertThrows(MfaException.class, () -> mfa.verify(alice, codeOf(alice), IP));
    assertEquals(MfaException.Reason.THROTTLED, e.reason());
    assertTrue(e.retryAfter().orElseThrow().toMinutes() >= 29, e.retryAfter().toString());
    assertTrue(
        login("alice") instanceof AuthResult.Throttled, "wrong codes throttle passwords too");
  }

  @Test
  void aRightPasswordDoesNotResetTheCountOfWrongCodes() {
    User alice = enrolled("alice");
    for (int i = 0; i < 4; i++) {
      assertTrue(login("alice") instanceof AuthResult.Success);
      wrongCodes(alice, 1);
    }
    assertTrue(
        login("alice") instanceof AuthResult.Throttled,
        "else each right password would allow more guesses");
  }

  @Test
  void aRightCodeResetsTheCount() throws Exception {
    User bob = enrolled("bob");
    wrongCodes(bob, 3);
    mfa.verify(bob, codeOf(bob), IP);
    wrongCodes(bob, 3);
    assertTrue(
        login("bob") instanceof AuthResult.Success, "three failures since the right code, not six");
  }

  @Test
  void anMfaTokenCompletesOnceWithTheRightCode() throws Exception {
    User alice = enrolled("alice");
    String token = tokens.pendingToken(alice, Contract.API);
    assertEquals(alice.id(), tokens.redeemPending(token, API).id());
    assertEquals(alice.id(), mfa.complete(token, API, codeOf(alice), IP).id());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(
        MfaException.Reason.REVOKED,
        refusal(() -> mfa.complete(token, API, codeOf(alice), IP)),
        "spent");
  }

  @Test
  void anMfaTokenAllowsThreeWrongCodesThenNeedsThePasswordAgain() throws Exception {
    User alice = enrolled("alice");
    String token = tokens.pendingToken(alice, Contract.API);
    for (int left = 2; left >= 0; left--) {
      MfaException e =
          assertThrows(
              MfaException.class, () -> mfa.complete(token, API, "999999", "192.0.2." + 50));
      assertEquals(MfaException.Reason.WRONG_CODE, e.reason());
      assertEquals(left, e.retriesLeft().orElseThrow());
    }
    assertEquals(
        MfaException.Reason.REVOKED, refusal(() -> mfa.complete(token, API, codeOf(alice), IP)));
  }

  @Test
  void anMfaTokenIsNeverASessionAndASessionNeverAnMfaToken() {
    User alice = enrolled("alice");
    String token = tokens.pendingToken(alice, Contract.API);
    var e = assertThrows(InvalidSessionException.class, () -> c.sessions().verify(token));
    assertEquals(InvalidSessionException.Reason.INVALID, e.reason());
    assertThrows(
        InvalidSessionException.class, () -> c.sessions().verify(tokens.issueMfaKey(alice)));
    assertThrows(
        InvalidSessionException.class, () -> c.sessions().verify(tokens.enrollmentToken(alice)));
    String session = c.sessions().open(alice, "api", Map.of()).token();
    assertEquals(
        MfaException.Reason.INVALID_TOKEN, refusal(() -> tokens.redeemPending(session, API)));
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        refusal(() -> tokens.redeemPending(tokens.issueMfaKey(alice), API)));
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        refusal(() -> tokens.redeemMfaKey(token, Optional.empty())));
    assertEquals(MfaException.Reason.INVALID_TOKEN, refusal(() -> tokens.redeemEnrollment(token)));
  }

  @Test
  void expiredForgedAndForeignMfaTokensAreRefused() throws Exception {
    User alice = enrolled("alice");
    User bob = enrolled("bob");
    String token = tokens.pendingToken(alice, Contract.API);
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        refusal(() -> tokens.redeemPending(withSubject(token, bob.id()), API)));
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        refusal(
            () ->
                tokens.redeemPending(
                    foreignTokens()
                        .sign(
                            TokenType.MFA_PENDING,
                            Map.of("sub", alice.id()),
                            Duration.ofMinutes(5)),
                    API)));
    assertEquals(
        MfaException.Reason.INVALID_TOKEN, refusal(() -> tokens.redeemPending("not.a.token", API)));
    clock.advance(mfa.config().tokenTtl().plusMinutes(1));
    assertEquals(
        MfaException.Reason.EXPIRED_TOKEN,
        refusal(() -> mfa.complete(token, API, codeOf(alice), IP)));
  }

  @Test
  void anMfaKeyProvesItsOwnUserOnlyUntilItExpires() throws Exception {
    User alice = enrolled("alice");
    User bob = enrolled("bob");
    String key = tokens.issueMfaKey(alice);
    assertEquals(alice.id(), tokens.redeemMfaKey(key, Optional.of(alice.id())).id());
    assertEquals(alice.id(), tokens.redeemMfaKey(key, Optional.empty()).id());
    assertEquals(
        MfaException.Reason.WRONG_USER,
        refusal(() -> tokens.redeemMfaKey(key, Optional.of(bob.id()))));
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        refusal(() -> tokens.redeemMfaKey(withSubject(key, bob.id()), Optional.of(bob.id()))));
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        refusal(
            () ->
                tokens.redeemMfaKey(
                    foreignTokens()
                        .sign(
                            TokenType.MFA_KEY,
                            Map.of("sub", bob.id(), "enr", "x"),
                            Duration.ofDays(1)),
                    Optional.empty())));
    clock.advance(Duration.ofDays(29));
    assertEquals(
        alice.id(),
        tokens.redeemMfaKey(key, Optional.of(alice.id())).id(),
        "remembered for 30 days");
    clock.advance(Duration.ofDays(1).plusMinutes(1));
    assertEquals(
        MfaException.Reason.EXPIRED_TOKEN,
        refusal(() -> tokens.redeemMfaKey(key, Optional.empty())));
  }

  @Test
  void aKeyThatNamesNoUserIsTakenAloneOnlyWithinTheMfaTokensLifetime() throws Exception {
    User alice = enrolled("alice");
    String key = tokens.issueMfaKey(alice);
    clock.advance(Duration.ofMinutes(5));
    assertEquals(alice.id(), tokens.redeemRecentMfaKey(key).id());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(MfaException.Reason.EXPIRED_TOKEN, refusal(() -> tokens.redeemRecentMfaKey(key)));
    assertEquals(
        alice.id(),
        tokens.redeemMfaKey(key, Optional.of(alice.id())).id(),
        "still remembered for its user");
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        refusal(() -> tokens.redeemRecentMfaKey(tokens.pendingToken(alice, Contract.API))));
  }

  @Test
  void aNewEnrollmentARemovalOrADisabledUserRevokesEveryMfaKey() throws Exception {
    TotpEnrollment enrollment =
        new TotpEnrollment(users, mfa.config(), new java.security.SecureRandom());
    User alice = enrolled("alice");
    String key = tokens.issueMfaKey(alice);
    User again = enrollment.enroll(alice, true).user();
    assertEquals(
        MfaException.Reason.REVOKED, refusal(() -> tokens.redeemMfaKey(key, Optional.empty())));
    String second = tokens.issueMfaKey(again);
    assertEquals(alice.id(), tokens.redeemMfaKey(second, Optional.empty()).id());
    enrollment.remove(again);
    assertEquals(
        MfaException.Reason.REVOKED, refusal(() -> tokens.redeemMfaKey(second, Optional.empty())));

    User bob = enrolled("bob");
    String bobs = tokens.issueMfaKey(bob);
    users.update(users.findById(bob.id()).orElseThrow().withDisabled(true));
    assertEquals(
        MfaException.Reason.REVOKED, refusal(() -> tokens.redeemMfaKey(bobs, Optional.empty())));
    assertEquals(
        MfaException.Reason.REVOKED,
        refusal(() -> tokens.redeemPending(tokens.pendingToken(bob, Contract.API), API)));
  }

  @Test
  void selfEnrollmentWaitsForAFirstCodeAndCannotReplaceAConfirmedSecret() throws Exception {
    users.add(User.of("id-carol", "carol", c.hashes().hash("pw"), "Carol", "", Map.of()));
    User carol = users.findByUsername("carol").orElseThrow();
    var started = mfa.enroll(carol);
    assertTrue(
        started.uri().startsWith("otpauth://totp/idbridge:carol?secret=" + started.secret() + "&"));
    User waiting = users.findByUsername("carol").orElseThrow();
    assertFalse(waiting.hasMfa(), "until confirmed, login does not ask for a code");
    assertEquals(MfaException.Reason.WRONG_CODE, refusal(() -> mfa.confirm(waiting, "000000", IP)));
    assertFalse(users.findByUsername("carol").orElseThrow().hasMfa());
    mfa.confirm(waiting, codeOf(waiting), IP);
    User confirmed = users.findByUsername("carol").orElseThrow();
    assertTrue(confirmed.hasMfa());
    assertEquals(started.secret(), confirmed.totpSecret());
    assertEquals(MfaException.Reason.ALREADY_ENROLLED, refusal(() -> mfa.enroll(confirmed)));
    assertEquals(
        MfaException.Reason.NOT_ENROLLED,
        refusal(() -> mfa.verify(User.of("x", "x", "", "", "", Map.of()), "123456", IP)));
  }

  @Test
  void mfaRequiredMeansEveryUserWithoutAConfirmedSecretMustEnroll() {
    Map<String, String> props = new HashMap<>(TestServer.CHEAP);
    props.put("mfa.required", "true");
    MfaConfig required = Config.read("test", props, Map.of()).mfa();
    SecondFactor strict =
        new SecondFactor(
            required, tokens, c.state(), failures, c.directory(), clock, LoginListener.NONE);
    User plain = User.of("p", "plain", "", "", "", Map.of());
    assertTrue(strict.mustEnroll(plain));
    assertTrue(
        strict.mustEnroll(plain.withTotp("JBSWY3DPEHPK3PXP", false)),
        "an unconfirmed secret is not MFA");
    assertFalse(strict.mustEnroll(plain.withTotp("JBSWY3DPEHPK3PXP", true)));
    assertFalse(mfa.mustEnroll(plain), "off by default");
  }

  /** The same token with another subject: the signature no longer matches. */
  static String withSubject(String token, String sub) {
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged = payload.replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"" + sub + "\"");
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(forged.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  /** Tokens of the right kind and issuer, signed with a key that is not ours. */
  Tokens foreignTokens() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("foreign-keys"));
    KeyRing ring = KeyRing.load(keys, clock);
    ring.generate(JwsAlgorithm.ES256);
    return new Tokens(ring, c.config().tokens(), clock);
  }
}
