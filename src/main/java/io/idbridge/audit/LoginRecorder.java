package io.idbridge.audit;

import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.LoginListener;
import io.idbridge.core.LoginOutcome;
import io.idbridge.core.LoginStep;
import io.idbridge.directory.User;
import io.idbridge.metrics.Metrics;
import java.util.Locale;
import java.util.Optional;

/**
 * What the core decides, recorded: a login metric per step (by the contract of the request), and an
 * audit event per security event.
 */
public final class LoginRecorder implements LoginListener {
  private final Metrics metrics;
  private final AuditTrail audit;

  public LoginRecorder(Metrics metrics, AuditTrail audit) {
    this.metrics = metrics;
    this.audit = audit;
  }

  @Override
  public void decided(LoginOutcome outcome, Optional<LoginStep> step, Optional<String> loginName) {
    metrics.login(RequestContext.current().contract(), outcome);
    String name = loginName.orElse(null);
    if (step.isEmpty()) {
      audit.failure(AuditEvent.Kind.LOGIN_FAILED, null, name, "unavailable");
      return;
    }
    LoginStep s = step.get();
    switch (s.kind()) {
      case OPENED ->
          audit.success(
              AuditEvent.Kind.LOGIN_SUCCEEDED, ((LoginStep.Opened) s).session().user().id(), null);
      case PASSED ->
          audit.success(AuditEvent.Kind.LOGIN_SUCCEEDED, ((LoginStep.Passed) s).user().id(), null);
      case INVALID_CREDENTIALS ->
          audit.failure(AuditEvent.Kind.LOGIN_FAILED, null, name, "invalid_credentials");
      case THROTTLED ->
          audit.failure(AuditEvent.Kind.LOGIN_THROTTLED, null, name, "too_many_failures");
      case MUST_ENROLL ->
          audit.failure(
              AuditEvent.Kind.LOGIN_FAILED,
              ((LoginStep.MustEnroll) s).user().id(),
              name,
              "mfa_enrollment_required");
      case SESSION_REFUSED ->
          audit.failure(AuditEvent.Kind.LOGIN_FAILED, null, name, "refused_by_policy");
      case WRONG_CODE ->
          audit.failure(
              AuditEvent.Kind.MFA_FAILED, ((LoginStep.WrongCode) s).userId(), name, "wrong_code");
      case PROOF_REFUSED ->
          audit.failure(
              AuditEvent.Kind.MFA_FAILED,
              null,
              name,
              ((LoginStep.ProofRefused) s).expired() ? "expired_proof" : "invalid_proof");
        // The password was right and the code decides: the code's step is the event.
      case CODE_DUE -> {}
    }
  }

  @Override
  public void secondFactorPassed(User user, String how) {
    audit.success(AuditEvent.Kind.MFA_PASSED, user.id(), how);
  }

  @Override
  public void enrolled(User user) {
    audit.success(AuditEvent.Kind.MFA_ENROLLED, user.id(), "totp");
  }

  @Override
  public void loggedOut(String userId) {
    audit.success(AuditEvent.Kind.LOGOUT, userId, null);
  }

  @Override
  public void sessionRevoked(String userId) {
    audit.success(AuditEvent.Kind.SESSION_REVOKED, userId, "concurrent_login_policy");
  }

  @Override
  public void tokenVerified(Optional<InvalidSessionException.Reason> refused) {
    metrics.tokenVerification(
        RequestContext.current().contract(),
        refused.map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("valid"));
  }
}
