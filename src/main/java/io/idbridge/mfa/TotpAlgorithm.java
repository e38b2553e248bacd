package io.idbridge.mfa;

/** The HMAC under a TOTP code (RFC 6238 §1.2): SHA-1 is what every authenticator app supports. */
public enum TotpAlgorithm {
  SHA1("HmacSHA1"),
  SHA256("HmacSHA256"),
  SHA512("HmacSHA512");

  private final String mac;

  TotpAlgorithm(String mac) {
    this.mac = mac;
  }

  /** The JCA name of the HMAC. */
  String mac() {
    return mac;
  }
}
