package io.idbridge.password;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bouncy Castle's argon2 behind a gate that a test closes to hold hashes mid-computation, counting
 * the derivations it is asked for.
 */
final class GatedArgon2 implements Argon2Engine {
  private final Argon2Engine real = new BouncyCastleArgon2();
  private final AtomicInteger derivations = new AtomicInteger();
  private final AtomicInteger inside = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Derivations from now on wait inside the engine until {@link #open}. */
  void close() {
    gate = new CountDownLatch(1);
  }

  void open() {
    gate.countDown();
  }

  int derivations() {
    return derivations.get();
  }

  /** Waits (bounded) until this many derivations are held at the gate. */
  void awaitInside(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (inside.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(inside.get() + " derivations at the gate, not " + count);
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public byte[] derive(Argon2Inputs inputs, byte[] password) {
    derivations.incrementAndGet();
    inside.incrementAndGet();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the gate was never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inside.decrementAndGet();
    }
    return real.derive(inputs, password);
  }

  @Override
  public String description() {
    return "gated";
  }
}
