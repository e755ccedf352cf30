package dev.descent.bench.web;

import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.store.bench.SyntheticRuns;
import dev.descent.core.train.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes runs epoch by epoch at a fixed rate on its own store connection, as a sweep in another process does:
 * the load a dashboard serves under while a sweep runs.
 */
final class SweepWriter implements AutoCloseable {
  private final RunStore store;
  private final Thread thread;
  private final AtomicLong epochs = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private volatile boolean stop;

  private SweepWriter(String location, double epochsPerSecond) {
    this.store = RunStores.open(location, Clock.systemUTC());
    this.thread = new Thread(() -> write(epochsPerSecond), "sweep-writer");
    thread.setDaemon(true);
  }

  static SweepWriter start(String location, double epochsPerSecond) {
    SweepWriter w = new SweepWriter(location, epochsPerSecond);
    w.thread.start();
    return w;
  }

  private void write(double epochsPerSecond) {
    Random random = new Random(11);
    long periodNanos = (long) (1e9 / epochsPerSecond);
    long next = System.nanoTime();
    for (int i = 0; !stop; i++) {
      NewRun run = SyntheticRuns.run(1_000_000 + i, random, Instant.now());
      String id = run.id() + "-live-" + System.nanoTime();
      store.create(new NewRun(id, "live-writer", null, run.config(), run.params(), run.provenance(), run.tags(),
          Instant.now()));
      for (int e = 1; e <= SyntheticRuns.EPOCHS && !stop; e++) {
        next += periodNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          } catch (InterruptedException ex) {
            return;
          }
        }
        store.logMetrics(id, SyntheticRuns.epoch(e, random), Instant.now());
        epochs.incrementAndGet();
      }
      store.finish(id, RunStatus.FINISHED, Map.of(), null, null, Instant.now());
    }
  }

  long epochs() {
    return epochs.get();
  }

  double rate() {
    return epochs.get() / ((System.nanoTime() - startNanos) / 1e9);
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(10_000);
    store.close();
  }
}
