package io.idbridge.voltmx;

import io.idbridge.directory.User;
import java.util.Optional;

/** Checks the MFA key that Foundry's MFA validate call carries, naming the user it was issued to. */
@FunctionalInterface
public interface MfaKeys {
  /** Until the second factor is wired in, no key is valid. */
  MfaKeys NONE = key -> Optional.empty();

  /** The user of a valid, unused MFA key; empty for any other key. */
  Optional<User> redeem(String mfaKey);
}
