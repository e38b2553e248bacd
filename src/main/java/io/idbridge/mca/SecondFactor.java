package io.idbridge.mca;

import io.idbridge.directory.User;

/** Checks the code a user with TOTP answers to the second MCA challenge. */
@FunctionalInterface
public interface SecondFactor {
  boolean verify(User user, String code);
}
