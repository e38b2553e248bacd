package io.idbridge.core;

import io.idbridge.config.ConfigReader;

/** The concurrent-login policy, as Foundry names its three choices. */
public record SessionsConfig(Concurrency concurrency, OnLimit onLimit) {

  public enum Concurrency {
    UNLIMITED,
    ONE_PER_APP,
    ONE_ACROSS_APPS
  }

  /** At the limit: end the older session, or refuse the new login. */
  public enum OnLimit {
    REVOKE_OLDEST,
    REJECT
  }

  public static SessionsConfig from(ConfigReader r) {
    return new SessionsConfig(
        r.choice("sessions.concurrency", Concurrency.UNLIMITED),
        r.choice("sessions.onLimit", OnLimit.REVOKE_OLDEST));
  }
}
