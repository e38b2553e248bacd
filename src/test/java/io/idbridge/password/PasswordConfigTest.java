package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PasswordConfigTest {

  @Test
  void defaultsAreOwaspArgon2idWithOnePermitPerProcessor() {
    PasswordConfig defaults = PasswordConfig.defaults();

    assertEquals(19456, defaults.argon2MemoryKib());
    assertEquals(2, defaults.argon2Iterations());
    assertEquals(1, defaults.argon2Parallelism());
    assertEquals(Runtime.getRuntime().availableProcessors(), defaults.maxConcurrentHashes());
  }

  @Test
  void rejectsMemoryBelowEightKibPerLane() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordConfig(15, 2, 2, 1));
  }

  @Test
  void rejectsMemoryAbove4GiB() {
    assertThrows(
        IllegalArgumentException.class, () -> new PasswordConfig(4 * 1024 * 1024 + 1, 2, 1, 1));
  }

  @Test
  void rejectsIterationsAndParallelismOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordConfig(64, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PasswordConfig(64, 101, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PasswordConfig(64, 2, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PasswordConfig(4096, 2, 256, 1));
  }

  @Test
  void rejectsAMemoryBudgetBelowOneHashAndANegativeQueue() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordConfig(1024, 2, 1, 1, 4, 1023));
    assertThrows(IllegalArgumentException.class, () -> new PasswordConfig(64, 2, 1, 1, -1, 1024));
  }

  @Test
  void defaultsWaitFourPerHashAndHoldHalfTheHeap() {
    PasswordConfig defaults = PasswordConfig.defaults();

    assertEquals(4 * defaults.maxConcurrentHashes(), defaults.maxQueuedHashes());
    assertEquals(Math.max(Runtime.getRuntime().maxMemory() / 2048, 19456), defaults.maxMemoryKib());
  }

  @Test
  void rejectsFewerThanOneConcurrentHash() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordConfig(64, 2, 1, 0));
  }
}
