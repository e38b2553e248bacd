package io.idbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Components;
import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.LoginCheck;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.directory.WritableUserDirectory;
import io.idbridge.mfa.Base32;
import io.idbridge.mfa.TotpEnrollment;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestComponents;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login decision without a server: each step's kind, and the outcome every step reports. */
class LoginsTest {
  static final String IP = "192.0.2.20";
  static final Set<Contract> API = Set.of(Contract.API);
  static final Logins.SessionRequest SESSION = new Logins.SessionRequest("app", Map.of());

  @TempDir Path dir;
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:10Z"));
  final List<LoginOutcome> outcomes = new ArrayList<>();
  Components c;
  Logins logins;

  Logins build(String... settings) {
    Map<String, String> props = new HashMap<>(Map.of("throttle.threshold", "3"));
    for (int i = 0; i < settings.length; i += 2) {
      props.put(settings[i], settings[i + 1]);
    }
    c = TestComponents.build(dir, clock, props);
    logins =
        new Logins(
            c.authenticator(),
            c.mfa(),
            c.mfaTokens(),
            c.sessions(),
            (outcome, step, name) -> outcomes.add(outcome));
    return logins;
  }

  User user(String name) {
    WritableUserDirectory users = (WritableUserDirectory) c.directory();
    users.add(User.of("id-" + name, name, c.hashes().hash("pw-" + name), name, "", Map.of()));
    return users.findByUsername(name).orElseThrow();
  }

  User enrolled(String name) {
    return new TotpEnrollment(
            (WritableUserDirectory) c.directory(), c.config().mfa(), new SecureRandom())
        .enroll(user(name), true)
        .user();
  }

  String codeOf(User user) {
    var totp = c.config().mfa().totp();
    return totp.code(Base32.decode(user.totpSecret()), totp.step(clock.instant()));
  }

  static LoginAttempt attempt(String name, String password) {
    return new LoginAttempt(Contract.API, name, password, IP);
  }

  @Test
  void aRightPasswordOpensTheSessionAskedForOrPassesTheUserWithoutOne() {
    build();
    user("ann");
    LoginStep opened = logins.password(attempt("ann", "pw-ann"), Optional.of(SESSION));
    assertEquals(LoginStep.Kind.OPENED, opened.kind());
    assertEquals("id-ann", ((LoginStep.Opened) opened).session().user().id());
    LoginStep passed = logins.password(attempt("ann", "pw-ann"), Optional.empty());
    assertEquals(LoginStep.Kind.PASSED, passed.kind());
    assertEquals(List.of(LoginOutcome.SUCCESS, LoginOutcome.SUCCESS), outcomes);
  }

  @Test
  void aWrongPasswordAnUnknownNameAndADisabledUserAreOneAnswer() {
    build("throttle.threshold", "10");
    user("bob");
    WritableUserDirectory users = (WritableUserDirectory) c.directory();
    users.add(
        User.of("id-off", "off", c.hashes().hash("pw-off"), "", "", Map.of()).withDisabled(true));
    for (LoginAttempt a :
        List.of(attempt("bob", "nope"), attempt("nobody", "pw"), attempt("off", "pw-off"))) {
      assertEquals(
          LoginStep.Kind.INVALID_CREDENTIALS,
          logins.password(a, Optional.of(SESSION)).kind(),
          "" + a);
    }
    assertEquals(List.of(LoginOutcome.INVALID_CREDENTIALS), outcomes.stream().distinct().toList());
  }

  @Test
  void pastTheThresholdEvenTheRightPasswordIsThrottledWithAWait() {
    build();
    user("cy");
    for (int i = 0; i < 3; i++) {
      logins.password(attempt("cy", "wrong"), Optional.of(SESSION));
    }
    LoginStep step = logins.password(attempt("cy", "pw-cy"), Optional.of(SESSION));
    assertEquals(LoginStep.Kind.THROTTLED, step.kind());
    assertTrue(((LoginStep.Throttled) step).retryAfter().compareTo(Duration.ZERO) > 0);
    assertEquals(LoginOutcome.THROTTLED, outcomes.get(outcomes.size() - 1));
  }

  @Test
  void aUserWithTotpGetsTheCodeStepAndItsRightCodeOpensTheSession() {
    build("mfa.retries", "2");
    User dee = enrolled("dee");
    LoginStep due = logins.password(attempt("dee", "pw-dee"), Optional.of(SESSION));
    assertEquals(LoginStep.Kind.CODE_DUE, due.kind());
    LoginStep.CodeDue code = (LoginStep.CodeDue) due;
    assertEquals(2, code.retries());
    LoginStep wrong = logins.code(API, code.mfaToken(), "000000", IP, Optional.of(SESSION));
    assertEquals(LoginStep.Kind.WRONG_CODE, wrong.kind());
    assertEquals(1, ((LoginStep.WrongCode) wrong).retriesLeft().getAsInt());
    LoginStep opened = logins.code(API, code.mfaToken(), codeOf(dee), IP, Optional.of(SESSION));
    assertEquals(LoginStep.Kind.OPENED, opened.kind());
    assertEquals(
        List.of(LoginOutcome.MFA_REQUIRED, LoginOutcome.MFA_FAILED, LoginOutcome.SUCCESS),
        outcomes);
  }

  @Test
  void theCodeWithThePasswordPassesOrIsWrongAndNoCodeMeansItIsDue() {
    build();
    User eve = enrolled("eve");
    assertEquals(
        LoginStep.Kind.CODE_DUE,
        logins.passwordAndCode(attempt("eve", "pw-eve"), Optional.empty()).kind());
    LoginStep wrong = logins.passwordAndCode(attempt("eve", "pw-eve"), Optional.of("000000"));
    assertEquals(LoginStep.Kind.WRONG_CODE, wrong.kind());
    assertTrue(((LoginStep.WrongCode) wrong).retriesLeft().isEmpty());
    assertEquals(
        LoginStep.Kind.PASSED,
        logins.passwordAndCode(attempt("eve", "pw-eve"), Optional.of(codeOf(eve))).kind());
  }

  @Test
  void anExpiredMfaTokenIsRefusedAsExpiredAndAForgedOneAsNot() {
    build();
    enrolled("fay");
    var due = (LoginStep.CodeDue) logins.password(attempt("fay", "pw-fay"), Optional.empty());
    LoginStep forged = logins.code(API, due.mfaToken() + "x", "123456", IP, Optional.empty());
    assertEquals(new LoginStep.ProofRefused(false), forged);
    clock.advance(due.expiresIn().plusMinutes(5));
    LoginStep expired = logins.code(API, due.mfaToken(), "123456", IP, Optional.empty());
    assertEquals(new LoginStep.ProofRefused(true), expired);
  }

  @Test
  void aRememberedKeyStandsInForTheCodeOnlyForItsOwnUser() {
    build();
    User gil = enrolled("gil");
    enrolled("hal");
    String key = c.mfaTokens().issueMfaKey(gil);
    assertEquals(
        LoginStep.Kind.OPENED,
        logins.password(attempt("gil", "pw-gil"), Optional.of(key), SESSION).kind());
    assertEquals(
        LoginStep.Kind.CODE_DUE,
        logins.password(attempt("hal", "pw-hal"), Optional.of(key), SESSION).kind());
  }

  @Test
  void mfaRequiredRefusesAUserWithoutASecondFactorAndGivesAnEnrollToken() throws Exception {
    build("mfa.required", "true");
    user("ida");
    LoginStep step = logins.password(attempt("ida", "pw-ida"), Optional.of(SESSION));
    assertEquals(LoginStep.Kind.MUST_ENROLL, step.kind());
    String token = ((LoginStep.MustEnroll) step).enrollToken();
    assertEquals("id-ida", c.mfaTokens().redeemEnrollment(token).id());
    assertEquals(List.of(LoginOutcome.REFUSED_BY_POLICY), outcomes);
  }

  @Test
  void theRejectPolicyRefusesASecondSessionAsAPolicyNotAWrongPassword() {
    build("sessions.concurrency", "one-across-apps", "sessions.onLimit", "reject");
    user("jo");
    assertEquals(
        LoginStep.Kind.OPENED,
        logins.password(attempt("jo", "pw-jo"), Optional.of(SESSION)).kind());
    assertEquals(
        LoginStep.Kind.SESSION_REFUSED,
        logins.password(attempt("jo", "pw-jo"), Optional.of(SESSION)).kind());
    assertEquals(List.of(LoginOutcome.SUCCESS, LoginOutcome.REFUSED_BY_POLICY), outcomes);
  }

  @Test
  void aDirectoryThatDoesNotAnswerIsReportedUnavailableAndThrown() {
    build();
    UserDirectory down =
        new UserDirectory() {
          public LoginCheck authenticate(String username, String password) {
            throw new DirectoryUnavailableException("down", null);
          }

          public Optional<User> findById(String id) {
            throw new DirectoryUnavailableException("down", null);
          }

          public Optional<User> findByUsername(String username) {
            throw new DirectoryUnavailableException("down", null);
          }

          public void ping() {}
        };
    Logins unreachable =
        new Logins(
            new Authenticator(down, new LoginFailures(c.config().throttle(), c.state(), clock)),
            c.mfa(),
            c.mfaTokens(),
            c.sessions(),
            (outcome, step, name) -> outcomes.add(outcome));
    assertThrows(
        DirectoryUnavailableException.class,
        () -> unreachable.password(attempt("kim", "pw"), Optional.of(SESSION)));
    assertEquals(List.of(LoginOutcome.UNAVAILABLE), outcomes);
  }
}
