package io.idbridge.core;

import io.idbridge.config.ConfigReader;
import java.time.Duration;

/**
 * Login-failure tracking, mirroring Foundry's own setting so that the two agree.
 *
 * @param ipThreshold failures from one client address before 429
 * @param userThreshold failures for one login name before 429; higher than the address threshold by
 *     choice, so that one attacker meets the address limit long before a victim's account is locked
 *     out
 * @param ttl how long after the last failure a count lapses
 */
public record ThrottleConfig(Track track, int ipThreshold, int userThreshold, Duration ttl) {

  /** What is counted; {@code IP_USER} counts addresses and names separately. */
  public enum Track {
    NONE,
    IP,
    USER,
    IP_USER
  }

  public static final Duration MAX_TTL = Duration.ofHours(168);

  public static ThrottleConfig from(ConfigReader r) {
    Track track = r.choice("throttle.track", Track.IP_USER);
    int threshold = r.integer("throttle.threshold", 5, 1, 1_000_000);
    // Counting both, a name's limit is well above an address's by default, so that one address
    // cannot lock a user out; counting names only, the one limit is throttle.threshold, as in
    // Foundry's "User ID" tracking.
    int userThreshold =
        r.integer(
            "throttle.userThreshold",
            track == Track.IP_USER ? 4 * threshold : threshold,
            1,
            4_000_000);
    Duration ttl =
        r.duration("throttle.ttl", Duration.ofMinutes(30), Duration.ofSeconds(1), MAX_TTL);
    return new ThrottleConfig(track, threshold, userThreshold, ttl);
  }

  boolean tracksIp() {
    return track == Track.IP || track == Track.IP_USER;
  }

  boolean tracksUser() {
    return track == Track.USER || track == Track.IP_USER;
  }
}
