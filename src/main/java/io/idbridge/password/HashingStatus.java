package io.idbridge.password;

/**
 * What hashing is doing now, for {@code /health}.
 *
 * @param implementation {@code argon2id native}, or {@code argon2id bouncycastle (fallback)} where
 *     libargon2 could not load
 */
public record HashingStatus(String implementation, int running, int waiting) {}
