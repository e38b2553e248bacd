package io.idbridge.jwt;

import java.security.PublicKey;
import java.time.Instant;

/** One key of a {@link KeyRing} as read from its file. */
record StoredKey(
    String kid,
    JwsAlgorithm alg,
    Instant created,
    Signer signer,
    Verifier verifier,
    PublicKey publicKey) {}
