package io.idbridge.http;

import io.idbridge.config.ConfigReader;
import java.util.List;
import java.util.Optional;

/**
 * How a platform proves it is the caller of its contract's paths, read from {@code
 * <contract>.caller.*}.
 *
 * @param secretHeader the header carrying the shared secret (a Foundry "provider header", a
 *     ConnectyCube dashboard header)
 * @param secretField a form field that may carry it instead (a Foundry "provider setting"); empty
 *     for none
 * @param allow the addresses allowed in {@code ip} mode
 */
public record CallerAuthConfig(
    Mode mode,
    Optional<String> secret,
    String secretHeader,
    String secretField,
    Optional<String> basicUser,
    Optional<String> basicPassword,
    List<Cidr> allow) {

  public enum Mode {
    NONE,
    SECRET,
    BASIC,
    IP
  }

  public static CallerAuthConfig from(ConfigReader r, String contract) {
    String p = contract + ".caller.";
    Mode mode = r.choice(p + "mode", Mode.NONE);
    Optional<String> secret = r.secret(p + "secret");
    String header = r.string(p + "secret.header", "X-IdBridge-Secret");
    String field = r.string(p + "secret.field", "");
    Optional<String> user = r.optional(p + "basic.user");
    Optional<String> password = r.secret(p + "basic.password");
    List<Cidr> allow = Cidr.parseAll(r, p + "allow");
    switch (mode) {
      case SECRET -> {
        if (secret.isEmpty()) {
          r.problem(p + "secret", "is required when " + p + "mode is secret", null);
        } else if (secret.get().length() < 16) {
          r.problem(p + "secret", "must be at least 16 characters", null);
        }
      }
      case BASIC -> {
        if (user.isEmpty() || password.isEmpty()) {
          r.problem(
              p + "basic.user",
              "and " + p + "basic.password are required when " + p + "mode is basic",
              null);
        }
      }
      case IP -> {
        if (allow.isEmpty()) {
          r.problem(p + "allow", "is required when " + p + "mode is ip", null);
        }
      }
      case NONE -> {}
    }
    return new CallerAuthConfig(mode, secret, header, field, user, password, allow);
  }

  public static CallerAuthConfig none() {
    return new CallerAuthConfig(
        Mode.NONE,
        Optional.empty(),
        "X-IdBridge-Secret",
        "",
        Optional.empty(),
        Optional.empty(),
        List.of());
  }
}
