package io.idbridge.mca;

import io.idbridge.core.Contract;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.LoginStep;
import io.idbridge.core.Logins;
import io.idbridge.core.TokenType;
import io.idbridge.core.Tokens;
import io.idbridge.http.RequestIds;
import io.idbridge.jwt.JwtException;
import io.idbridge.mfa.OtpCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MCA challenge flow: the password challenge, then the OTP challenge for a user with TOTP, with
 * a number of retries each. The state travels in the signed stateId, so any node continues it; only
 * the OTP step's wrong codes and spent mfa_token are kept, in the shared state store, so that
 * replaying an older stateId gains nothing.
 *
 * <p>The caller is MCA's server, not the user's device, so its address would lump every user
 * together and the client headers it forwards are the device's to choose: failures are counted by
 * login name only.
 */
public final class ChallengeFlow {
  private static final System.Logger LOG = System.getLogger(ChallengeFlow.class.getName());

  private final McaConfig config;
  private final Tokens tokens;
  private final Logins logins;
  private final int codeDigits;

  /**
   * @param codeDigits {@code mfa.totp.digits}
   */
  public ChallengeFlow(McaConfig config, Tokens tokens, Logins logins, int codeDigits) {
    this.config = config;
    this.tokens = tokens;
    this.logins = logins;
    this.codeDigits = codeDigits;
  }

  /**
   * {@code startAuthorization}: the first challenge, or failure for a realm or tenant we do not
   * serve.
   */
  McaReply start(String tenant, String realm) {
    if (!accepted(tenant, realm)) {
      return McaReply.failure();
    }
    return challenge(ChallengeState.first(tenant, realm, config.retries()));
  }

  /** {@code handleChallengeAnswer}: the answer checked against the step its stateId names. */
  McaReply answer(String tenant, String realm, String stateId, Map<?, ?> answer) {
    if (!accepted(tenant, realm)) {
      return McaReply.failure();
    }
    ChallengeState state = ChallengeState.first(tenant, realm, config.retries());
    if (stateId != null && !stateId.isBlank()) {
      try {
        // A token of ours but not a state (its claims say otherwise) starts afresh like a foreign
        // one.
        state =
            ChallengeState.of(tokens.verify(TokenType.CHALLENGE_STATE, stateId).asMap())
                .orElse(state);
      } catch (JwtException e) {
        if (e.reason() == JwtException.Reason.EXPIRED) {
          // Ours, but too old to trust which step it was at: the flow restarts, the answer unread.
          return challenge(state);
        }
        // Not ours: in MCA's web flow the app's own OAuth state arrives here. A forged or altered
        // state lands here too, and so can only restart the flow, never skip a step.
      }
    }
    if (!state.boundTo(tenant, realm)) {
      LOG.log(
          System.Logger.Level.INFO,
          RequestIds.current()
              + " mca: a stateId of tenant "
              + state.tenant()
              + " realm "
              + state.realm()
              + " came to tenant "
              + tenant
              + " realm "
              + realm);
      return McaReply.failure();
    }
    return switch (state.step()) {
      case PASSWORD -> password(state, answer);
      case OTP -> otp(state, answer);
    };
  }

  private McaReply password(ChallengeState state, Map<?, ?> answer) {
    Optional<String> username = text(answer, "username");
    Optional<String> password = text(answer, "password");
    if (username.isEmpty() || password.isEmpty()) {
      return wrong(state);
    }
    LoginStep step =
        logins.password(
            new LoginAttempt(Contract.MCA, username.get(), password.get(), null), Optional.empty());
    return switch (step.kind()) {
      case PASSED -> McaReply.success(((LoginStep.Passed) step).user(), config.userName());
      case CODE_DUE -> {
        LoginStep.CodeDue due = (LoginStep.CodeDue) step;
        yield challenge(state.otp(due.mfaToken(), due.retries()));
      }
      case MUST_ENROLL -> {
        // MCA has no way to carry an enrollment token to the app: the user enrolls through our API
        // first.
        LOG.log(
            System.Logger.Level.INFO,
            RequestIds.current()
                + " mca: user "
                + ((LoginStep.MustEnroll) step).user().id()
                + " has no second factor and mfa.required is set");
        yield McaReply.failure();
      }
        // The flow ends: another challenge would only invite answers that are refused unread until
        // the count lapses.
      case THROTTLED -> McaReply.failure();
      case INVALID_CREDENTIALS -> wrong(state);
      case OPENED, WRONG_CODE, PROOF_REFUSED, SESSION_REFUSED ->
          throw new IllegalStateException("a password step without a session ended " + step.kind());
    };
  }

  /**
   * The code of the OTP step, checked with the state's mfa_token: a wrong one re-challenges with
   * the retries the token has left; a missing one counts as wrong.
   */
  private McaReply otp(ChallengeState state, Map<?, ?> answer) {
    LoginStep step =
        logins.code(Set.of(Contract.MCA), state.mfaToken(), code(answer), null, Optional.empty());
    return switch (step.kind()) {
      case PASSED -> McaReply.success(((LoginStep.Passed) step).user(), config.userName());
      case WRONG_CODE -> {
        int left = ((LoginStep.WrongCode) step).retriesLeft().orElse(0);
        yield left <= 0 ? McaReply.failure() : challenge(state.withRetriesLeft(left));
      }
      case PROOF_REFUSED ->
          ((LoginStep.ProofRefused) step).expired()
              // Like an expired stateId: the flow restarts at the password.
              ? challenge(ChallengeState.first(state.tenant(), state.realm(), config.retries()))
              // Used up, or the user gone, disabled or without TOTP since the password.
              : McaReply.failure();
      case THROTTLED -> McaReply.failure();
      case OPENED, INVALID_CREDENTIALS, CODE_DUE, MUST_ENROLL, SESSION_REFUSED ->
          throw new IllegalStateException("a code step without a session ended " + step.kind());
    };
  }

  /** One retry fewer, and failure when none are left. */
  private McaReply wrong(ChallengeState state) {
    int left = state.retriesLeft() - 1;
    return left <= 0 ? McaReply.failure() : challenge(state.withRetriesLeft(left));
  }

  private McaReply challenge(ChallengeState state) {
    Map<String, Object> challenge = new LinkedHashMap<>();
    switch (state.step()) {
      case PASSWORD -> challenge.put("message", config.challengeMessage());
      case OTP -> {
        challenge.put("message", config.otpMessage());
        challenge.put("type", "otp");
      }
    }
    challenge.put("retriesLeft", state.retriesLeft());
    return McaReply.challenge(
        tokens.sign(TokenType.CHALLENGE_STATE, state.claims(), config.stateTtl()), challenge);
  }

  private boolean accepted(String tenant, String realm) {
    if (config.accepts(tenant, realm)) {
      return true;
    }
    LOG.log(
        System.Logger.Level.INFO,
        RequestIds.current()
            + " mca: tenant "
            + tenant
            + " realm "
            + realm
            + " is not in mca.realms/mca.tenants");
    return false;
  }

  /** The answer's code, a JSON number with its leading zeros put back; a missing one is wrong. */
  private String code(Map<?, ?> answer) {
    return OtpCodes.of(answer.get("otp"), codeDigits).orElse("");
  }

  /**
   * An answer field as text: the app's answer may hold numbers (a PIN), which count as their
   * digits.
   */
  private static Optional<String> text(Map<?, ?> answer, String name) {
    Object value = answer.get(name);
    if (value instanceof String s && !s.isEmpty()) {
      return Optional.of(s);
    }
    return value instanceof Number n ? Optional.of(n.toString()) : Optional.empty();
  }
}
