package io.idbridge.core;

import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.jwt.JwtException;
import io.idbridge.jwt.VerifiedClaims;
import io.idbridge.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions: a signed token per session (any node verifies it with the public key), a revocation
 * list keyed by the session id {@code sid}, and the concurrent-login policy. What nodes must share
 * lives in the StateStore.
 */
public final class Sessions {
  private final Tokens tokens;
  private final StateStore state;
  private final SessionsConfig config;
  private final Clock clock;
  private final UserDirectory directory;
  private final Revocations revocations;
  private final LoginListener listener;

  /**
   * @param revocationCacheTtl how long this node believes a session is not revoked before it asks
   *     the state store again
   */
  public Sessions(
      Tokens tokens,
      StateStore state,
      SessionsConfig config,
      Clock clock,
      UserDirectory directory,
      Duration revocationCacheTtl,
      LoginListener listener) {
    this.tokens = tokens;
    this.state = state;
    this.config = config;
    this.clock = clock;
    this.directory = directory;
    this.revocations = new Revocations(state, revocationCacheTtl, clock);
    this.listener = listener;
  }

  /** A session just opened. */
  public record Session(String token, String sid, User user, Instant issuedAt, Instant expiresAt) {
    /** Seconds from issue to expiry: the {@code expires_in} of the contracts. */
    public long expiresIn() {
      return Duration.between(issuedAt, expiresAt).toSeconds();
    }
  }

  /** What a valid session token says. */
  public record SessionClaims(
      String sid, String userId, String app, Instant expiresAt, VerifiedClaims claims) {}

  /**
   * Opens a session for a user in an app (the app key a platform sent, or {@code default}),
   * applying the concurrent-login policy.
   *
   * @param extraClaims added to the token (an audience, say); may be empty
   * @throws SessionLimitException when the policy is {@code reject} and the user is at the limit
   */
  public Session open(User user, String app, Map<String, Object> extraClaims) {
    String sid = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Instant expires = now.plus(tokens.config().ttl());
    String set = policySet(user.id(), app);
    if (set != null) {
      enforceLimit(set, sid, expires, user.id());
    }
    Map<String, Object> claims = new LinkedHashMap<>(extraClaims);
    claims.put("sub", user.id());
    claims.put("sid", sid);
    claims.put("app", app);
    String token = tokens.sign(TokenType.SESSION, claims, tokens.config().ttl());
    return new Session(token, sid, user, now, expires);
  }

  /**
   * Joins the user's set first, then decides by the set's order, which every node sees alike: two
   * logins racing on two nodes cannot both pass a {@code reject} limit (the later one backs out),
   * and under {@code revoke-oldest} only the newest session survives.
   */
  private void enforceLimit(String set, String sid, Instant expires, String userId) {
    state.addMember(set, sid, expires);
    List<String> live = state.members(set);
    int mine = live.indexOf(sid);
    List<String> older = mine < 0 ? live : live.subList(0, mine);
    if (older.isEmpty()) {
      return;
    }
    if (config.onLimit() == SessionsConfig.OnLimit.REJECT) {
      state.removeMember(set, sid);
      throw new SessionLimitException();
    }
    for (String old : List.copyOf(older)) {
      revocations.revoke(old, expires);
      state.removeMember(set, old);
      listener.sessionRevoked(userId);
    }
  }

  /** The claims of a valid, unrevoked session token. */
  public SessionClaims verify(String token) throws InvalidSessionException {
    try {
      SessionClaims valid = check(token);
      listener.tokenVerified(Optional.empty());
      return valid;
    } catch (InvalidSessionException e) {
      listener.tokenVerified(Optional.of(e.reason()));
      throw e;
    }
  }

  private SessionClaims check(String token) throws InvalidSessionException {
    VerifiedClaims claims;
    try {
      claims = tokens.verify(TokenType.SESSION, token);
    } catch (JwtException e) {
      throw new InvalidSessionException(
          e.reason() == JwtException.Reason.EXPIRED
              ? InvalidSessionException.Reason.EXPIRED
              : InvalidSessionException.Reason.INVALID);
    }
    // Our own tokens always carry these; a token of ours without them was never a session.
    if (claims.sessionId().isEmpty()
        || claims.subject().isEmpty()
        || claims.text("app").isEmpty()
        || claims.expiresAt().isEmpty()) {
      throw new InvalidSessionException(InvalidSessionException.Reason.INVALID);
    }
    String sid = claims.sessionId().get();
    if (revocations.isRevoked(sid, claims.expiresAt().get())) {
      throw new InvalidSessionException(InvalidSessionException.Reason.REVOKED);
    }
    return new SessionClaims(
        sid, claims.subject().get(), claims.text("app").get(), claims.expiresAt().get(), claims);
  }

  /**
   * A client's logout: ends the session of a valid token on every node, and tells the directory (a
   * backend with sessions of its own forwards it).
   */
  public void logout(String token) throws InvalidSessionException {
    SessionClaims session = verify(token);
    revoke(session);
    directory.loggedOut(session.userId());
    listener.loggedOut(session.userId());
  }

  /** Ends a session on every node. */
  public void revoke(SessionClaims session) {
    revocations.revoke(session.sid(), session.expiresAt());
    String set = policySet(session.userId(), session.app());
    if (set != null) {
      state.removeMember(set, session.sid());
    }
  }

  private String policySet(String userId, String app) {
    return switch (config.concurrency()) {
      case UNLIMITED -> null;
      case ONE_PER_APP -> "sessions:" + userId + ":" + app;
      case ONE_ACROSS_APPS -> "sessions:" + userId;
    };
  }

  public Tokens tokens() {
    return tokens;
  }
}
