package dev.descent.core.tracking;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.Lease;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.TrainingListener;
import dev.descent.core.train.TrainingResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records one training run in the run store as it happens: the run when it starts, each epoch's
 * metrics in one transaction when the epoch ends (so a crash loses at most the epoch in progress),
 * a heartbeat while it runs (so a killed process shows as {@code crashed}), and how it ended.
 */
public final class RunRecorder implements TrainingListener, AutoCloseable {
  /** Every write to the run goes through here, fenced by the claim's token. */
  private final FencedWrites store;
  private final String runId;
  private final Clock clock;
  private final ScheduledExecutorService heartbeat;
  private final LeaseSettings lease;
  private volatile boolean ended;
  private long storeNanos;

  private RunRecorder(RunStore store, String runId, long token, LeaseSettings lease, Clock clock) {
    this.store = new FencedWrites(store, runId, token);
    this.runId = runId;
    this.lease = lease;
    this.clock = clock;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "descent-heartbeat-" + runId);
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates the run in the store (leased to this process) and starts its heartbeat. */
  public static RunRecorder start(RunStore store, NewRun run, Clock clock) {
    store.create(run);
    long token = store.lease(run.id()).map(Lease::token).orElse(0L);
    return attach(store, run.id(), token, LeaseSettings.fromEnvironment(), clock);
  }

  /**
   * Records into a run this process claimed (a sweep cell) under fencing {@code token}, renewing its
   * lease every {@code lease.heartbeat()} by {@code lease.lease()}.
   */
  public static RunRecorder attach(RunStore store, String runId, long token, LeaseSettings lease, Clock clock) {
    RunRecorder r = new RunRecorder(store, runId, token, lease, clock);
    long period = lease.heartbeat().toMillis();
    r.heartbeat.scheduleAtFixedRate(r::beat, period, period, TimeUnit.MILLISECONDS);
    return r;
  }

  private void beat() {
    try {
      if (!ended) {
        store.renew(clock.instant(), lease.lease());
      }
    } catch (RuntimeException e) {
      // a missed heartbeat is retried at the next tick; a store that stays down fails the next epoch write
    }
  }

  /** Whether another process took the run over: this one's lease ran out before it could renew it. */
  public boolean leaseLost() {
    return store.lost();
  }

  public String runId() {
    return runId;
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    long t0 = System.nanoTime();
    List<MetricPoint> points = new ArrayList<>();
    m.asMap().forEach((k, v) -> points.add(new MetricPoint(k, m.epoch(), v)));
    store.logMetrics(runId, points, clock.instant());
    storeNanos += System.nanoTime() - t0;
  }

  /** Time spent writing epochs to the store so far: overhead, not training. */
  public long storeNanos() {
    return storeNanos;
  }

  /** Records how training ended and saves the kept weights beside the store. */
  public void finished(TrainingResult r, Artifacts artifacts) {
    if (r.weights() != null && artifacts != null && store.renew(clock.instant(), lease.lease())) {
      artifacts.save(runId, r.weights());
    }
    finished(r);
  }

  /** Records how training ended: finished (with test metrics) or diverged (with where). */
  public void finished(TrainingResult r) {
    Map<String, Double> test = new LinkedHashMap<>();
    if (r.test() != null) {
      test.put("test_loss", r.test().loss());
      if (!Double.isNaN(r.test().accuracy())) {
        test.put("test_accuracy", r.test().accuracy());
      }
    }
    end(r.status(), test, r.divergence() == null ? null : r.divergence().message(), null);
  }

  /** Records a failure with its message and full stack trace, searchable like any run. */
  public void failed(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    end(RunStatus.FAILED, Map.of(), String.valueOf(t.getMessage() == null ? t.toString() : t.getMessage()), trace.toString());
  }

  /** Records that a sweep's pruner stopped the run; {@code reason} says at which epoch and why. */
  public void pruned(String reason) {
    end(RunStatus.PRUNED, Map.of(), reason, null);
  }

  /** Records that the user interrupted the run; the epochs recorded so far stay. */
  public void stopped() {
    end(RunStatus.STOPPED, Map.of(), "interrupted", null);
  }

  /**
   * Records the end once. The heartbeat stops first either way; a run whose end could not be written (a
   * full disk) is not {@link #ended}, so a later stop may try again, and if none gets through it stays
   * {@code running} without a heartbeat, for the next run to reclaim.
   */
  private synchronized void end(RunStatus status, Map<String, Double> test, String error, String trace) {
    if (ended) {
      return;
    }
    heartbeat.shutdownNow();
    store.finish(runId, status, test, error, trace, clock.instant());
    ended = true;
  }

  public boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
  }
}
