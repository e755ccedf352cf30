package dev.descent.core.store.bench;

import dev.descent.core.store.Claim;
import dev.descent.core.store.LeaseOwner;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.train.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator's throughput: {@code W} workers (threads, each with its own connection, as processes
 * have) claim the cells of one sweep of {@code N} cells that finish at once, each walking the cells in
 * the sweep's order as {@code SweepRunner} does, or ({@code spread}) from its own share of the cells as
 * {@code descent worker} does. Prints granted claims per second over the whole run (the workers' start and
 * their walk past cells already ended included) and from the first grant to the last, the grants of each
 * second, the latency of every claim call (p50, p99) and duplicates (a cell granted twice).
 * Usage: {@code ClaimBench STORE WORKERS CELLS [spread]}.
 */
public final class ClaimBench {
  private ClaimBench() {}

  public static void main(String[] args) throws Exception {
    String location = args[0];
    int workers = Integer.parseInt(args[1]);
    int cells = Integer.parseInt(args[2]);
    boolean spread = args.length > 3 && args[3].equals("spread");
    String sweep = "bench-" + System.nanoTime();
    List<String> ids = new ArrayList<>();
    try (RunStore store = RunStores.open(location, Clock.systemUTC())) {
      for (int i = 0; i < cells; i++) {
        String id = sweep + "-" + i;
        store.enqueue(new NewRun(id, "claim-bench", sweep, Map.of(), Map.of(), Map.of(), Set.of(), Instant.now()));
        ids.add(id);
      }
    }
    Map<String, Integer> granted = new ConcurrentHashMap<>();
    java.util.concurrent.ConcurrentLinkedQueue<Long> grantedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
    long[][] latencies = new long[workers][];
    AtomicInteger calls = new AtomicInteger();
    Thread[] threads = new Thread[workers];
    long t0 = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      threads[w] = new Thread(() -> {
        LeaseOwner owner = new LeaseOwner("bench", "bench-" + worker, worker + 1, Instant.EPOCH);
        long[] mine = new long[cells];
        int n = 0;
        try (RunStore store = RunStores.open(location, Clock.systemUTC())) {
          int from = spread ? worker * cells / workers : 0;
          for (int k = 0; k < cells; k++) {
            String id = ids.get((from + k) % cells);
            long c0 = System.nanoTime();
            Claim c = store.claim(id, owner, Instant.now(), Duration.ofSeconds(30));
            mine[n++] = System.nanoTime() - c0;
            if (c.granted()) {
              granted.merge(id, 1, Integer::sum);
              grantedAt.add(System.nanoTime());
              store.finish(id, c.lease().token(), RunStatus.FINISHED, Map.of(), null, null, Instant.now());
            }
          }
        }
        calls.addAndGet(n);
        latencies[worker] = Arrays.copyOf(mine, n);
      });
      threads[w].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    long duplicates = granted.values().stream().filter(v -> v > 1).count();
    long first = grantedAt.stream().mapToLong(Long::longValue).min().orElse(t0);
    long last = grantedAt.stream().mapToLong(Long::longValue).max().orElse(t0);
    int[] perSecond = new int[(int) ((last - t0) / 1_000_000_000L) + 1];
    grantedAt.forEach(t -> perSecond[(int) ((t - t0) / 1_000_000_000L)]++);
    System.out.printf(Locale.ROOT, "%d workers, %d cells: %d granted in %.1f s = %.0f claims/s (%.0f claims/s from"
        + " the first grant to the last, %.1f s); %d claim calls, latency p50 %.1f ms, p99 %.1f ms; duplicates %d%n",
        workers, cells, granted.size(), wall, granted.size() / wall, (granted.size() - 1) / ((last - first) / 1e9),
        (last - first) / 1e9, calls.get(), all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, duplicates);
    System.out.println("granted per second: " + Arrays.toString(perSecond));
  }
}
