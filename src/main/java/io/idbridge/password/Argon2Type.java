package io.idbridge.password;

/** The argon2 variants we verify (RFC 9106 §3.4), by their PHC string identifiers. */
enum Argon2Type {
  /**
   * Data-independent memory access; what older PHP, passlib and the argon2 CLI wrote by default.
   */
  ARGON2I("argon2i"),
  /** The hybrid RFC 9106 recommends; every hash we create. */
  ARGON2ID("argon2id");

  private final String id;

  Argon2Type(String id) {
    this.id = id;
  }

  /** The PHC identifier, as in {@code $argon2id$}. */
  String id() {
    return id;
  }
}
