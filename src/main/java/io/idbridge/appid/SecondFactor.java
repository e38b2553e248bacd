package io.idbridge.appid;

import io.idbridge.directory.User;

/** Checks the one-time code of a user with MFA: the second step of an App ID login. */
@FunctionalInterface
public interface SecondFactor {

  boolean verify(User user, String code);

  /** Until TOTP is wired in (the MFA issue), a user with MFA cannot get an assertion: refusing is the safe side. */
  SecondFactor UNAVAILABLE = (user, code) -> false;
}
