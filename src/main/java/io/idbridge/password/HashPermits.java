package io.idbridge.password;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Admits hashes to run by count and by the memory they hold together, in order of arrival, with a
 * bounded number waiting; beyond it a hash is refused at once.
 */
final class HashPermits {

  private final int maxRunning;
  private final long maxMemoryKib;
  private final int maxWaiting;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // First come, first served: a large hash waiting for memory is not overtaken by a stream of
  // small ones, which would starve it.
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private int running;
  private long memoryKib;

  HashPermits(int maxRunning, long maxMemoryKib, int maxWaiting) {
    this.maxRunning = maxRunning;
    this.maxMemoryKib = maxMemoryKib;
    this.maxWaiting = maxWaiting;
  }

  /** False when a hash holding this much could never be admitted. */
  boolean canEverAdmit(long costKib) {
    return costKib <= maxMemoryKib;
  }

  /**
   * Runs the work once admitted: argon2 holds its memory for the whole computation, so the count
   * and the memory admitted bound what hashing takes. Empty when interrupted while waiting, so
   * callers fail closed.
   *
   * @throws HashingBusyException when as many as allowed are waiting already
   */
  <T> Optional<T> run(long costKib, Supplier<T> work) {
    if (!admit(costKib)) {
      return Optional.empty();
    }
    try {
      return Optional.of(work.get());
    } finally {
      release(costKib);
    }
  }

  /** Hashes running now. */
  int running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Hashes waiting now. */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  private boolean admit(long costKib) {
    if (Thread.currentThread().isInterrupted()) {
      return false; // as Semaphore.acquire would: a thread being stopped starts no hash
    }
    lock.lock();
    try {
      if (waiting.isEmpty() && fits(costKib)) {
        take(costKib);
        return true;
      }
      if (waiting.size() >= maxWaiting) {
        throw new HashingBusyException();
      }
      Object self = new Object();
      waiting.addLast(self);
      try {
        while (waiting.peekFirst() != self || !fits(costKib)) {
          changed.await();
        }
      } catch (InterruptedException e) {
        waiting.remove(self);
        changed.signalAll(); // the next one may be at the head now
        Thread.currentThread().interrupt();
        return false;
      }
      waiting.removeFirst();
      take(costKib);
      changed.signalAll(); // the next one may fit beside this one
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void release(long costKib) {
    lock.lock();
    try {
      running--;
      memoryKib -= costKib;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean fits(long costKib) {
    return running < maxRunning && memoryKib + costKib <= maxMemoryKib;
  }

  private void take(long costKib) {
    running++;
    memoryKib += costKib;
  }
}
