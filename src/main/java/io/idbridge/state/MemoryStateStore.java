package io.idbridge.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The state of a single node, in memory: the embedded default. */
public final class MemoryStateStore implements StateStore {
  /** Lapsed entries are swept every this many writes, so memory stays bounded without a thread. */
  private static final int SWEEP_EVERY = 1024;

  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Instant> markers = new ConcurrentHashMap<>();
  private final Map<String, LinkedHashMap<String, Instant>> sets = new ConcurrentHashMap<>();
  private int writes;

  public MemoryStateStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Counter increment(String key, Duration ttl) {
    Instant now = clock.instant();
    sweepSometimes(now);
    return counters.compute(
        key,
        (k, old) ->
            new Counter(
                old == null || !old.expiresAt().isAfter(now) ? 1 : old.value() + 1, now.plus(ttl)));
  }

  @Override
  public Optional<Counter> counter(String key) {
    Counter c = counters.get(key);
    return c != null && c.expiresAt().isAfter(clock.instant()) ? Optional.of(c) : Optional.empty();
  }

  @Override
  public Map<String, Counter> counters(List<String> keys) {
    Map<String, Counter> live = new HashMap<>();
    for (String key : keys) {
      counter(key).ifPresent(c -> live.put(key, c));
    }
    return live;
  }

  @Override
  public void deleteCounters(List<String> keys) {
    keys.forEach(counters::remove);
  }

  @Override
  public boolean mark(String key, Duration ttl) {
    Instant now = clock.instant();
    sweepSometimes(now);
    boolean[] set = {false};
    markers.compute(
        key,
        (k, old) -> {
          if (old != null && old.isAfter(now)) {
            return old;
          }
          set[0] = true;
          return now.plus(ttl);
        });
    return set[0];
  }

  @Override
  public boolean isMarked(String key) {
    Instant until = markers.get(key);
    return until != null && until.isAfter(clock.instant());
  }

  @Override
  public void addMember(String set, String member, Instant expiresAt) {
    sweepSometimes(clock.instant());
    sets.compute(
        set,
        (k, members) -> {
          LinkedHashMap<String, Instant> m = members == null ? new LinkedHashMap<>() : members;
          m.remove(member);
          m.put(member, expiresAt);
          return m;
        });
  }

  @Override
  public List<String> members(String set) {
    Instant now = clock.instant();
    List<String> live = new ArrayList<>();
    sets.computeIfPresent(
        set,
        (k, members) -> {
          members.values().removeIf(until -> !until.isAfter(now));
          live.addAll(members.keySet());
          return members.isEmpty() ? null : members;
        });
    return live;
  }

  @Override
  public void removeMember(String set, String member) {
    sets.computeIfPresent(
        set,
        (k, members) -> {
          members.remove(member);
          return members.isEmpty() ? null : members;
        });
  }

  @Override
  public void ping() {}

  private void sweepSometimes(Instant now) {
    synchronized (this) {
      if (++writes % SWEEP_EVERY != 0) {
        return;
      }
    }
    counters.values().removeIf(c -> !c.expiresAt().isAfter(now));
    markers.values().removeIf(until -> !until.isAfter(now));
    for (String set : List.copyOf(sets.keySet())) {
      members(set);
    }
  }
}
