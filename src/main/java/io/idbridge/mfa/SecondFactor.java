package io.idbridge.mfa;

import io.idbridge.core.Authenticator;
import io.idbridge.core.TokenType;
import io.idbridge.core.Tokens;
import io.idbridge.directory.User;
import io.idbridge.directory.WritableUserDirectory;
import io.idbridge.jwt.JwtException;
import io.idbridge.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The second factor of every contract's login: TOTP codes that count only once, the mfa_token that
 * proves just "password verified", the mfa_key that remembers a verified code, and self-service
 * enrollment.
 */
public final class SecondFactor {
  private static final System.Logger LOG = System.getLogger(SecondFactor.class.getName());

  private final MfaConfig config;
  private final Totp totp;
  private final Tokens tokens;
  private final StateStore state;
  private final Authenticator authenticator;
  private final Optional<TotpEnrollment> enrollment;
  private final Clock clock;

  public SecondFactor(
      MfaConfig config, Tokens tokens, StateStore state, Authenticator authenticator, Clock clock) {
    this.config = config;
    this.totp = config.totp();
    this.tokens = tokens;
    this.state = state;
    this.authenticator = authenticator;
    this.enrollment =
        authenticator.directory() instanceof WritableUserDirectory w
            ? Optional.of(new TotpEnrollment(w, config, new SecureRandom()))
            : Optional.empty();
    this.clock = clock;
  }

  public MfaConfig config() {
    return config;
  }

  /** Whether {@code mfa.required} refuses this user's login until they enroll. */
  public boolean mustEnroll(User user) {
    return config.required() && !user.hasMfa();
  }

  /**
   * Checks a code against the user's secret, confirmed or not. A right code counts once: its time
   * step is marked used in the shared state. A wrong or replayed one counts as a login failure; a
   * right one resets the counts.
   */
  public void verify(User user, String code, String clientIp) throws MfaException {
    if (user.totpSecret().isEmpty()) {
      throw new MfaException(
          MfaException.Reason.NOT_ENROLLED, "user " + user.id() + " has no TOTP secret");
    }
    Optional<Duration> wait = authenticator.failures().retryAfter(clientIp, user.username());
    if (wait.isPresent()) {
      throw MfaException.throttled(wait.get());
    }
    Instant now = clock.instant();
    for (long step : totp.matches(Base32.decode(user.totpSecret()), code, now)) {
      // RFC 6238 §5.2: a code accepted once must not be accepted again.
      if (state.mark(
          usedKey(user, step), atLeastASecond(Duration.between(now, totp.acceptedUntil(step))))) {
        authenticator.secondFactorSucceeded(clientIp, user.username());
        return;
      }
      LOG.log(System.Logger.Level.INFO, "replayed TOTP code refused for user " + user.id());
    }
    authenticator.secondFactorFailed(clientIp, user.username());
    throw MfaException.wrongCode(null);
  }

  /**
   * An mfa_token: proves that this user's password was verified, and nothing more; never opens a
   * session.
   */
  public String pendingToken(User user) {
    return tokens.sign(TokenType.MFA_PENDING, Map.of("sub", user.id()), config.tokenTtl());
  }

  /**
   * The user an mfa_token was issued to, while it is valid, unspent and the user still has TOTP.
   */
  public User redeemPending(String mfaToken) throws MfaException {
    return pending(mfaToken).user();
  }

  /**
   * Completes a login: the code of the mfa_token's user. The token allows {@code mfa.retries} wrong
   * codes, then the password must be given again; it is spent by its first right code.
   */
  public User complete(String mfaToken, String code, String clientIp) throws MfaException {
    Pending pending = pending(mfaToken);
    String tries = "mfa:tries:" + pending.jti();
    Duration left = atLeastASecond(Duration.between(clock.instant(), pending.expiresAt()));
    if (state.counter(tries).map(StateStore.Counter::value).orElse(0L) >= config.retries()) {
      throw new MfaException(
          MfaException.Reason.REVOKED, "too many wrong codes for this mfa_token");
    }
    try {
      verify(pending.user(), code, clientIp);
    } catch (MfaException e) {
      if (e.reason() != MfaException.Reason.WRONG_CODE) {
        throw e;
      }
      long wrong = state.increment(tries, left).value();
      throw MfaException.wrongCode((int) Math.max(0, config.retries() - wrong));
    }
    if (!state.mark(spentKey(pending.jti()), left)) {
      throw new MfaException(MfaException.Reason.REVOKED, "the mfa_token was used already");
    }
    return pending.user();
  }

  /** A valid mfa_token, read. */
  private record Pending(User user, String jti, Instant expiresAt) {}

  private Pending pending(String mfaToken) throws MfaException {
    Map<String, Object> claims = claims(TokenType.MFA_PENDING, mfaToken);
    User user = activeUser(claims);
    if (!user.hasMfa()) {
      throw new MfaException(
          MfaException.Reason.REVOKED, "user " + user.id() + " no longer has TOTP");
    }
    String jti = (String) claims.get("jti");
    if (state.isMarked(spentKey(jti))) {
      throw new MfaException(MfaException.Reason.REVOKED, "the mfa_token was used already");
    }
    return new Pending(user, jti, Instant.ofEpochSecond(((Number) claims.get("exp")).longValue()));
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
    Map<String, Object> claims = claims(TokenType.MFA_KEY, mfaKey);
    if (!(claims.get("iat") instanceof Number iat)) {
      throw new MfaException(MfaException.Reason.INVALID_TOKEN, "no iat");
    }
    if (Instant.ofEpochSecond(iat.longValue()).plus(config.tokenTtl()).isBefore(clock.instant())) {
      throw new MfaException(
          MfaException.Reason.EXPIRED_TOKEN, "the mfa_key is older than mfa.tokenTtl");
    }
    return keyUser(claims, Optional.empty());
  }

  private User keyUser(Map<String, Object> claims, Optional<String> expectedUserId)
      throws MfaException {
    if (expectedUserId.isPresent() && !expectedUserId.get().equals(claims.get("sub"))) {
      throw new MfaException(MfaException.Reason.WRONG_USER, "the mfa_key belongs to another user");
    }
    User user = activeUser(claims);
    boolean current =
        user.hasMfa()
            && claims.get("enr") instanceof String enr
            && MessageDigest.isEqual(
                enr.getBytes(StandardCharsets.US_ASCII),
                fingerprint(user).getBytes(StandardCharsets.US_ASCII));
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

  /**
   * Self-service enrollment: a new secret, waiting for a first code. Refused when the user has a
   * confirmed one: else a stolen session could switch MFA off, or move it to another device.
   */
  public TotpEnrollment.Enrollment enroll(User user) throws MfaException {
    if (user.hasMfa()) {
      throw new MfaException(
          MfaException.Reason.ALREADY_ENROLLED, "user " + user.id() + " has TOTP already");
    }
    return writable().enroll(user, false);
  }

  /** Activates the user's waiting secret with a first right code. */
  public User confirm(User user, String code, String clientIp) throws MfaException {
    TotpEnrollment enrollments = writable();
    if (user.hasMfa()) {
      throw new MfaException(
          MfaException.Reason.ALREADY_ENROLLED, "user " + user.id() + " has TOTP already");
    }
    verify(user, code, clientIp);
    return enrollments.confirm(user);
  }

  private TotpEnrollment writable() throws MfaException {
    return enrollment.orElseThrow(
        () ->
            new MfaException(
                MfaException.Reason.READ_ONLY_DIRECTORY,
                "the directory is administered elsewhere"));
  }

  private Map<String, Object> claims(TokenType type, String token) throws MfaException {
    try {
      Map<String, Object> claims = tokens.verify(type, token);
      if (!(claims.get("sub") instanceof String) || !(claims.get("jti") instanceof String)) {
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

  private User activeUser(Map<String, Object> claims) throws MfaException {
    String id = (String) claims.get("sub");
    Optional<User> user = authenticator.directory().findById(id).filter(u -> !u.disabled());
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

  private static Duration atLeastASecond(Duration d) {
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }

  private static String usedKey(User user, long step) {
    return "totp:used:" + user.id() + ":" + step;
  }

  private static String spentKey(String jti) {
    return "mfa:spent:" + jti;
  }
}
