package io.idbridge.mfa;

import io.idbridge.core.Contract;
import io.idbridge.core.TokenType;
import io.idbridge.core.Tokens;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.jwt.JwtException;
import io.idbridge.jwt.VerifiedClaims;
import io.idbridge.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens of the second factor: the mfa_token that proves just "password verified", the mfa_key
 * that remembers a verified code, and the enroll_token of a user whom {@code mfa.required} refuses.
 */
public final class MfaTokens {
  private final MfaConfig config;
  private final Tokens tokens;
  private final StateStore state;
  private final UserDirectory directory;
  private final Clock clock;

  public MfaTokens(
      MfaConfig config, Tokens tokens, StateStore state, UserDirectory directory, Clock clock) {
    this.config = config;
    this.tokens = tokens;
    this.state = state;
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * An mfa_token: proves that this user's password was verified at this contract, and nothing more;
   * never opens a session.
   */
  public String pendingToken(User user, Contract contract) {
    return tokens.sign(
        TokenType.MFA_PENDING,
        Map.of("sub", user.id(), "aud", contract.audience()),
        config.tokenTtl());
  }

  /**
   * The user an mfa_token was issued to, while it is valid, unspent and the user still has TOTP.
   *
   * @param redeemable the contracts whose tokens the asking step completes
   */
  public User redeemPending(String mfaToken, Set<Contract> redeemable) throws MfaException {
    return pending(mfaToken, redeemable).user();
  }

  /** A valid, unspent mfa_token, read. */
  record Pending(User user, String jti, Instant expiresAt) {}

  Pending pending(String mfaToken, Set<Contract> redeemable) throws MfaException {
    VerifiedClaims claims = claims(TokenType.MFA_PENDING, mfaToken);
    if (redeemable.stream().noneMatch(c -> claims.audience().contains(c.audience()))) {
      throw new MfaException(
          MfaException.Reason.INVALID_TOKEN, "the mfa_token was issued for another contract");
    }
    User user = activeUser(claims);
    if (!user.hasMfa()) {
      throw new MfaException(
          MfaException.Reason.REVOKED, "user " + user.id() + " no longer has TOTP");
    }
    String jti = claims.tokenId().orElseThrow();
    if (state.isMarked(spentKey(jti))) {
      throw new MfaException(MfaException.Reason.REVOKED, "the mfa_token was used already");
    }
    return new Pending(user, jti, claims.expiresAt().orElseThrow());
  }

  /** Spends an mfa_token for good: false when another request spent it first. */
  boolean spend(Pending pending, Duration until) {
    return state.mark(spentKey(pending.jti()), until);
  }

  /**
   * An mfa_key: the remembered proof that this user gave a right code, for {@code mfa.rememberTtl}.
   * It is bound to the user's current TOTP secret, so a new enrollment or a removal revokes it.
   */
  public String issueMfaKey(User user) {
    if (!user.hasMfa()) {
      throw new IllegalArgumentException("user " + user.id() + " has no confirmed TOTP secret");
    }
    return tokens.sign(
        TokenType.MFA_KEY,
        Map.of("sub", user.id(), "enr", fingerprint(user)),
        config.rememberTtl());
  }

  /**
   * The user of a valid mfa_key whose enrollment is still current.
   *
   * @param expectedUserId the user logging in, when known: another user's key is refused
   */
  public User redeemMfaKey(String mfaKey, Optional<String> expectedUserId) throws MfaException {
    return keyUser(claims(TokenType.MFA_KEY, mfaKey), expectedUserId);
  }

  /**
   * The user of a valid, current mfa_key issued within {@code mfa.tokenTtl}: for the step right
   * after the code that names no user, so that a key remembered for days stands in for the code
   * only next to a password.
   */
  public User redeemRecentMfaKey(String mfaKey) throws MfaException {
    VerifiedClaims claims = claims(TokenType.MFA_KEY, mfaKey);
    Optional<Instant> issued = claims.issuedAt();
    if (issued.isEmpty()) {
      throw new MfaException(MfaException.Reason.INVALID_TOKEN, "no iat");
    }
    if (issued.get().plus(config.tokenTtl()).isBefore(clock.instant())) {
      throw new MfaException(
          MfaException.Reason.EXPIRED_TOKEN, "the mfa_key is older than mfa.tokenTtl");
    }
    return keyUser(claims, Optional.empty());
  }

  private User keyUser(VerifiedClaims claims, Optional<String> expectedUserId) throws MfaException {
    if (expectedUserId.isPresent() && !expectedUserId.equals(claims.subject())) {
      throw new MfaException(MfaException.Reason.WRONG_USER, "the mfa_key belongs to another user");
    }
    User user = activeUser(claims);
    boolean current =
        user.hasMfa()
            && claims
                .text("enr")
                .filter(
                    enr ->
                        MessageDigest.isEqual(
                            enr.getBytes(StandardCharsets.US_ASCII),
                            fingerprint(user).getBytes(StandardCharsets.US_ASCII)))
                .isPresent();
    if (!current) {
      throw new MfaException(
          MfaException.Reason.REVOKED, "the TOTP enrollment of the mfa_key was replaced");
    }
    return user;
  }

  /**
   * An enrollment token, for a user whom {@code mfa.required} refuses a session: it lets them
   * enroll and confirm (proving a verified password), and does nothing else.
   */
  public String enrollmentToken(User user) {
    return tokens.sign(TokenType.MFA_ENROLL, Map.of("sub", user.id()), config.tokenTtl());
  }

  /** The user of a valid enrollment token. */
  public User redeemEnrollment(String token) throws MfaException {
    return activeUser(claims(TokenType.MFA_ENROLL, token));
  }

  private VerifiedClaims claims(TokenType type, String token) throws MfaException {
    try {
      VerifiedClaims claims = tokens.verify(type, token);
      if (claims.subject().isEmpty() || claims.tokenId().isEmpty()) {
        throw new MfaException(MfaException.Reason.INVALID_TOKEN, "no sub or jti");
      }
      return claims;
    } catch (JwtException e) {
      throw new MfaException(
          e.reason() == JwtException.Reason.EXPIRED
              ? MfaException.Reason.EXPIRED_TOKEN
              : MfaException.Reason.INVALID_TOKEN,
          e.reason().name());
    }
  }

  private User activeUser(VerifiedClaims claims) throws MfaException {
    String id = claims.subject().orElseThrow();
    Optional<User> user = directory.findById(id).filter(u -> !u.disabled());
    if (user.isEmpty()) {
      throw new MfaException(MfaException.Reason.REVOKED, "user " + id + " is gone or disabled");
    }
    return user.get();
  }

  /** Names the enrollment without revealing it: a hash of the secret, which has 160 random bits. */
  private static String fingerprint(User user) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(user.totpSecret().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String spentKey(String jti) {
    return "mfa:spent:" + jti;
  }
}
