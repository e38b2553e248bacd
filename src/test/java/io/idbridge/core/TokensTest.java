package io.idbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.idbridge.Components;
import io.idbridge.directory.User;
import io.idbridge.jwt.JwsAlgorithm;
import io.idbridge.jwt.JwtException;
import io.idbridge.jwt.KeyRing;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestComponents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the cache of verified tokens must never change: every token a full verify refuses. */
class TokensTest {
  @TempDir Path dir;
  final FakeClock clock = new FakeClock();
  Components c;

  @BeforeEach
  void build() {
    c = TestComponents.build(dir, clock, Map.of());
  }

  @AfterEach
  void close() {
    c.close();
  }

  Sessions.Session open() {
    return c.sessions().open(User.of("u1", "alice", "", "", "", Map.of()), "default", Map.of());
  }

  @Test
  void aSessionVerifiedBeforeIsRefusedOnceRevoked() throws Exception {
    Sessions.Session session = open();
    Sessions.SessionClaims claims = c.sessions().verify(session.token());
    assertEquals("u1", c.sessions().verify(session.token()).userId(), "verified twice");

    c.sessions().revoke(claims);

    InvalidSessionException e =
        assertThrows(InvalidSessionException.class, () -> c.sessions().verify(session.token()));
    assertEquals(InvalidSessionException.Reason.REVOKED, e.reason());
  }

  @Test
  void aTokenVerifiedBeforeIsRefusedPastItsExpiry() throws Exception {
    String token = c.tokens().sign(TokenType.SESSION, Map.of("sub", "u1"), Duration.ofMinutes(5));
    c.tokens().verify(TokenType.SESSION, token);

    clock.advance(Duration.ofMinutes(5).plusSeconds(31)); // past exp and the 30 s leeway

    JwtException e =
        assertThrows(JwtException.class, () -> c.tokens().verify(TokenType.SESSION, token));
    assertEquals(JwtException.Reason.EXPIRED, e.reason());
  }

  @Test
  void aTokenVerifiedAsOneTypeIsStillRefusedAsAnother() throws Exception {
    String pending =
        c.tokens().sign(TokenType.MFA_PENDING, Map.of("sub", "u1"), Duration.ofMinutes(5));
    c.tokens().verify(TokenType.MFA_PENDING, pending);
    c.tokens().verify(TokenType.MFA_PENDING, pending);

    JwtException e =
        assertThrows(JwtException.class, () -> c.tokens().verify(TokenType.SESSION, pending));
    assertEquals(JwtException.Reason.WRONG_TYPE, e.reason());
  }

  @Test
  void aTokenVerifiedBeforeIsRefusedOnceItsKeyLeavesTheRing() throws Exception {
    Path keys = dir.resolve("ring");
    KeyRing ring = KeyRing.load(keys, clock);
    String removed = ring.generate(JwsAlgorithm.ES256);
    Tokens tokens = new Tokens(ring, c.config().tokens(), clock);
    String token = tokens.sign(TokenType.SESSION, Map.of("sub", "u1"), Duration.ofMinutes(5));
    tokens.verify(TokenType.SESSION, token);

    clock.advance(Duration.ofSeconds(1));
    ring.generate(JwsAlgorithm.ES256);
    try (Stream<Path> files = Files.list(keys)) {
      for (Path file : files.filter(f -> f.getFileName().toString().contains(removed)).toList()) {
        Files.delete(file);
      }
    }
    ring.reload();

    JwtException e =
        assertThrows(JwtException.class, () -> tokens.verify(TokenType.SESSION, token));
    assertEquals(JwtException.Reason.UNKNOWN_KEY, e.reason());
  }
}
