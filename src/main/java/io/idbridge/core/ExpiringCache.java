package io.idbridge.core;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's bounded memory of answers that hold until a moment each: an entry is never returned at
 * or past its moment, and past the capacity arbitrary entries make room, so a caller must be right
 * whether or not an entry is still there.
 */
final class ExpiringCache<K, V> {
  private final int capacity;
  private final Clock clock;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  private record Entry<V>(V value, long untilMillis) {}

  /**
   * @param capacity at most this many entries; 0 keeps none
   */
  ExpiringCache(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  boolean enabled() {
    return capacity > 0;
  }

  Optional<V> get(K key) {
    Entry<V> e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (clock.millis() >= e.untilMillis()) {
      entries.remove(key, e);
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  /** Keeps a value until {@code untilMillis}; a moment already come keeps nothing. */
  void put(K key, V value, long untilMillis) {
    long now = clock.millis();
    if (!enabled() || now >= untilMillis) {
      return;
    }
    if (entries.size() >= capacity) {
      makeRoom(now);
    }
    entries.put(key, new Entry<>(value, untilMillis));
  }

  void remove(K key) {
    entries.remove(key);
  }

  int size() {
    return entries.size();
  }

  /**
   * Drops the lapsed entries, then arbitrary ones down to 7/8 of the capacity, so that the next
   * puts find room without another sweep.
   */
  private void makeRoom(long now) {
    entries.values().removeIf(e -> now >= e.untilMillis());
    int excess = entries.size() - capacity + Math.max(1, capacity / 8);
    Iterator<K> it = entries.keySet().iterator();
    while (excess-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
