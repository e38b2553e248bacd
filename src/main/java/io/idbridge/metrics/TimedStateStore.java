package io.idbridge.metrics;

import io.idbridge.state.StateStore;
import io.idbridge.state.StateUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A state store whose calls are timed in {@code idbridge_state_call_seconds}. */
final class TimedStateStore implements StateStore {
  private final StateStore state;
  private final Timer timer;

  TimedStateStore(StateStore state, Metrics metrics) {
    this.state = state;
    this.timer =
        new Timer(metrics.stateCalls, metrics.stateErrors, StateUnavailableException.class);
  }

  @Override
  public Counter increment(String key, Duration ttl) {
    return timer.time("increment", () -> state.increment(key, ttl));
  }

  @Override
  public Optional<Counter> counter(String key) {
    return timer.time("counter", () -> state.counter(key));
  }

  @Override
  public Map<String, Counter> counters(List<String> keys) {
    return timer.time("counters", () -> state.counters(keys));
  }

  @Override
  public void deleteCounters(List<String> keys) {
    timer.run("delete_counters", () -> state.deleteCounters(keys));
  }

  @Override
  public boolean mark(String key, Duration ttl) {
    return timer.time("mark", () -> state.mark(key, ttl));
  }

  @Override
  public boolean isMarked(String key) {
    return timer.time("is_marked", () -> state.isMarked(key));
  }

  @Override
  public void addMember(String set, String member, Instant expiresAt) {
    timer.run("add_member", () -> state.addMember(set, member, expiresAt));
  }

  @Override
  public List<String> members(String set) {
    return timer.time("members", () -> state.members(set));
  }

  @Override
  public void removeMember(String set, String member) {
    timer.run("remove_member", () -> state.removeMember(set, member));
  }

  @Override
  public void ping() {
    timer.run("ping", state::ping);
  }

  @Override
  public void close() {
    state.close();
  }
}
