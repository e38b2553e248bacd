package io.idbridge.bench;

import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heap bytes per live session with the memory state store: N sessions of N users opened through
 * {@code Sessions.open}, under each concurrent-login policy (only a policy keeps anything per
 * session: the user's set of sessions), the heap measured after full collections before and after.
 * Signing the tokens is most of the run, spread over one thread per core.
 *
 * <pre>java -cp … io.idbridge.bench.SessionMemory [--sessions 100000]</pre>
 */
public final class SessionMemory {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private SessionMemory() {}

  public static void main(String[] args) throws Exception {
    int sessions =
        args.length == 2 && args[0].equals("--sessions") ? Integer.parseInt(args[1]) : 100_000;
    System.out.printf(
        Locale.ROOT,
        "heap per live session, memory state, %d sessions of %d users%n",
        sessions,
        sessions);
    for (String policy : List.of("unlimited", "one-per-app", "one-across-apps")) {
      try (ScratchComponents scratch =
          new ScratchComponents(Map.of("sessions.concurrency", policy))) {
        Sessions s = scratch.get().sessions();
        // A warm-up, so that what the first session loads (classes, the signer) is not counted.
        s.open(User.of("warm-up", "warm-up", "", "", "", Map.of()), "default", Map.of());
        long before = usedAfterGc();
        AtomicInteger next = new AtomicInteger();
        Load load =
            new Load(
                Runtime.getRuntime().availableProcessors(),
                System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        load.run(
            sessions,
            () -> {
              String id = "user-" + next.getAndIncrement();
              s.open(User.of(id, id, "", "", "", Map.of()), "default", Map.of());
            });
        if (!load.failures().isEmpty()) {
          throw new IllegalStateException("a session did not open: " + load.failures().get(0));
        }
        long after = usedAfterGc();
        double perSession = (after - before) / (double) sessions;
        System.out.printf(
            Locale.ROOT,
            "  sessions.concurrency=%-16s %8.0f bytes per session (goal <= 1024)%n",
            policy,
            perSession);
        // Keeps the store reachable until after the second measurement.
        scratch.get().state().ping();
      }
    }
  }

  /** The heap in use after collections have settled (several: one may leave garbage behind). */
  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
