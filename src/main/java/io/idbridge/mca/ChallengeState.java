package io.idbridge.mca;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where one MCA challenge flow stands, carried in the signed stateId we hand MCA, so that any node
 * continues it.
 *
 * @param mfaToken empty until the password step passed: then the mfa_token that proves it, whose
 *     wrong codes the state store counts, so that an older stateId sent again brings back no
 *     retries
 */
record ChallengeState(Step step, String tenant, String realm, String mfaToken, int retriesLeft) {

  enum Step {
    PASSWORD,
    OTP
  }

  static ChallengeState first(String tenant, String realm, int retries) {
    return new ChallengeState(Step.PASSWORD, tenant, realm, "", retries);
  }

  ChallengeState otp(String mfaToken, int retries) {
    return new ChallengeState(Step.OTP, tenant, realm, mfaToken, retries);
  }

  ChallengeState withRetriesLeft(int retries) {
    return new ChallengeState(step, tenant, realm, mfaToken, retries);
  }

  boolean boundTo(String tenant, String realm) {
    return this.tenant.equals(tenant) && this.realm.equals(realm);
  }

  Map<String, Object> claims() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("step", step.name().toLowerCase(Locale.ROOT));
    claims.put("tenant", tenant);
    claims.put("realm", realm);
    if (!mfaToken.isEmpty()) {
      claims.put("mfa", mfaToken);
    }
    claims.put("retries", retriesLeft);
    return claims;
  }

  /**
   * The state in a verified token's claims; empty when they are not a state's (a token we signed
   * otherwise).
   */
  static Optional<ChallengeState> of(Map<String, Object> claims) {
    if (!(claims.get("step") instanceof String step
        && claims.get("tenant") instanceof String tenant
        && claims.get("realm") instanceof String realm
        && claims.get("retries") instanceof Number retries)) {
      return Optional.empty();
    }
    String mfa = claims.get("mfa") instanceof String m ? m : "";
    for (Step s : Step.values()) {
      if (s.name().equalsIgnoreCase(step) && (s == Step.PASSWORD || !mfa.isEmpty())) {
        return Optional.of(new ChallengeState(s, tenant, realm, mfa, retries.intValue()));
      }
    }
    return Optional.empty();
  }
}
