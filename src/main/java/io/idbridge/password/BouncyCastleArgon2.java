package io.idbridge.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Bouncy Castle's argon2, in Java: the fallback where libargon2 cannot load. Each hash allocates
 * its memory on the Java heap.
 */
final class BouncyCastleArgon2 implements Argon2Engine {

  @Override
  public byte[] derive(Argon2Inputs in, byte[] password) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(
                in.type() == Argon2Type.ARGON2ID
                    ? Argon2Parameters.ARGON2_id
                    : Argon2Parameters.ARGON2_i)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(in.memoryKib())
            .withIterations(in.iterations())
            .withParallelism(in.parallelism())
            .withSalt(in.salt())
            .withSecret(in.secret())
            .withAdditional(in.associatedData())
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[in.tagLength()];
    generator.generateBytes(password, out);
    return out;
  }

  @Override
  public String description() {
    return "bouncycastle (fallback)";
  }
}
