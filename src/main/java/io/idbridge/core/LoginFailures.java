package io.idbridge.core;

import io.idbridge.state.StateStore;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts wrong-credential answers per client address and per login name, in the shared state, and
 * says when a login must be refused with 429 without looking at its password.
 *
 * <p>A name is counted whether or not such a user exists: a limit only real accounts could reach
 * would tell an attacker which accounts exist.
 */
public final class LoginFailures {
  private final ThrottleConfig config;
  private final StateStore state;
  private final Clock clock;

  public LoginFailures(ThrottleConfig config, StateStore state, Clock clock) {
    this.config = config;
    this.state = state;
    this.clock = clock;
  }

  /**
   * How long the caller must wait, when either count is at or past its threshold: both counts in
   * one look-up, since every login asks.
   */
  public Optional<Duration> retryAfter(String clientIp, String username) {
    List<String> keys = keys(clientIp, username);
    Map<String, StateStore.Counter> counts = keys.isEmpty() ? Map.of() : state.counters(keys);
    Duration wait = Duration.ZERO;
    if (countsIp(clientIp)) {
      wait = max(wait, over(counts.get(ipKey(clientIp)), config.ipThreshold()));
    }
    if (config.tracksUser()) {
      wait = max(wait, over(counts.get(userKey(username)), config.userThreshold()));
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  public void failed(String clientIp, String username) {
    if (countsIp(clientIp)) {
      state.increment(ipKey(clientIp), config.ttl());
    }
    if (config.tracksUser()) {
      state.increment(userKey(username), config.ttl());
    }
  }

  /** A success resets the counts, as Foundry's does, in one change. */
  public void succeeded(String clientIp, String username) {
    List<String> keys = keys(clientIp, username);
    if (!keys.isEmpty()) {
      state.deleteCounters(keys);
    }
  }

  /** The keys of the counts kept for this address and name. */
  private List<String> keys(String clientIp, String username) {
    List<String> keys = new ArrayList<>(2);
    if (countsIp(clientIp)) {
      keys.add(ipKey(clientIp));
    }
    if (config.tracksUser()) {
      keys.add(userKey(username));
    }
    return keys;
  }

  /**
   * A null address is one we do not know: a platform's server calls on the user's behalf (IBM MCA),
   * so its own address would lump every user together; only the name is counted then.
   */
  private boolean countsIp(String clientIp) {
    return config.tracksIp() && clientIp != null;
  }

  private Duration over(StateStore.Counter count, int threshold) {
    if (count == null || count.value() < threshold) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), count.expiresAt());
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String ipKey(String ip) {
    return "fail:ip:" + ip;
  }

  /** The name as sent, normalised: case and Unicode forms do not make a new count. */
  static String userKey(String username) {
    return "fail:user:"
        + Normalizer.normalize(username.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
