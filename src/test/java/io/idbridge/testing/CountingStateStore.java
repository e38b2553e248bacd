package io.idbridge.testing;

import io.idbridge.state.MemoryStateStore;
import io.idbridge.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A memory store that records the name of each call made to it: each call is what a shared store
 * pays a round trip for.
 */
public final class CountingStateStore implements StateStore {
  private final MemoryStateStore store;
  private final List<String> calls = new ArrayList<>();

  public CountingStateStore(Clock clock) {
    this.store = new MemoryStateStore(clock);
  }

  /** The calls so far, in order, and forgets them. */
  public synchronized List<String> takeCalls() {
    List<String> taken = List.copyOf(calls);
    calls.clear();
    return taken;
  }

  private <T> T counted(String name, Supplier<T> call) {
    synchronized (this) {
      calls.add(name);
    }
    return call.get();
  }

  @Override
  public Counter increment(String key, Duration ttl) {
    return counted("increment", () -> store.increment(key, ttl));
  }

  @Override
  public Optional<Counter> counter(String key) {
    return counted("counter", () -> store.counter(key));
  }

  @Override
  public Map<String, Counter> counters(List<String> keys) {
    return counted("counters", () -> store.counters(keys));
  }

  @Override
  public void deleteCounters(List<String> keys) {
    counted(
        "deleteCounters",
        () -> {
          store.deleteCounters(keys);
          return null;
        });
  }

  @Override
  public boolean mark(String key, Duration ttl) {
    return counted("mark", () -> store.mark(key, ttl));
  }

  @Override
  public boolean isMarked(String key) {
    return counted("isMarked", () -> store.isMarked(key));
  }

  @Override
  public void addMember(String set, String member, Instant expiresAt) {
    counted(
        "addMember",
        () -> {
          store.addMember(set, member, expiresAt);
          return null;
        });
  }

  @Override
  public List<String> members(String set) {
    return counted("members", () -> store.members(set));
  }

  @Override
  public void removeMember(String set, String member) {
    counted(
        "removeMember",
        () -> {
          store.removeMember(set, member);
          return null;
        });
  }

  @Override
  public void ping() {
    store.ping();
  }
}
