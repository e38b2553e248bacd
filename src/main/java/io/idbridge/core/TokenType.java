package io.idbridge.core;

/** The kinds of token idbridge signs, each with its own JOSE {@code typ}. */
public enum TokenType {
  SESSION("idbridge-session+jwt"),
  MFA_PENDING("idbridge-mfa+jwt"),
  MFA_KEY("idbridge-mfa-key+jwt"),
  CHALLENGE_STATE("idbridge-state+jwt"),
  MFA_ENROLL("idbridge-mfa-enroll+jwt");

  private final String typ;

  TokenType(String typ) {
    this.typ = typ;
  }

  public String typ() {
    return typ;
  }
}
