package io.idbridge.core;

import java.util.Locale;

/**
 * The contract a login came through. The mfa_token of its password step names it as audience, and
 * only the code steps of the same contract redeem it: a token carried in MCA's stateId, say, opens
 * nothing at our API.
 */
public enum Contract {
  API,
  VOLTMX,
  MCA,
  APPID;

  /** The token's {@code aud} (RFC 7519 §4.1.3). */
  public String audience() {
    return "idbridge:" + name().toLowerCase(Locale.ROOT);
  }
}
