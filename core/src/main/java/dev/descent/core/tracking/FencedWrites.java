package dev.descent.core.tracking;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.Lease;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.RunStore;
import dev.descent.core.train.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recorder's writes to its run, each conditional on the claim it was given (its fencing token). A
 * process paused past its lease (SIGSTOP, a suspended VM, a network partition) may wake up to find the
 * cell taken over: its writes are then refused by the store, and from the first refusal on this
 * attempt writes nothing more: the epoch in progress fails training with a {@link DescentException},
 * its end is dropped, and one line in the log says the cell was abandoned and to whom. Without a token
 * (a store without leases) writes pass through unfenced.
 */
final class FencedWrites {
  private static final Logger LOG = LoggerFactory.getLogger(FencedWrites.class);
  /** Writes refused in this process, for the log and for tests. */
  static final AtomicLong REFUSED = new AtomicLong();

  private final RunStore store;
  private final String runId;
  private final long token;
  private final AtomicBoolean lost = new AtomicBoolean();

  FencedWrites(RunStore store, String runId, long token) {
    this.store = store;
    this.runId = runId;
    this.token = token;
  }

  boolean lost() {
    return lost.get();
  }

  void logMetrics(String id, List<MetricPoint> points, Instant now) {
    if (lost.get()) {
      throw new DescentException(ErrorCode.INTERNAL, "Abandoned: " + abandoned());
    }
    if (token == 0) {
      store.logMetrics(id, points, now);
    } else if (!store.logMetrics(id, token, points, now)) {
      lose("epoch " + (points.isEmpty() ? "?" : points.get(0).epoch()));
      throw new DescentException(ErrorCode.INTERNAL, "Abandoned: " + abandoned());
    }
  }

  void finish(String id, RunStatus status, Map<String, Double> test, String error, String trace, Instant end) {
    if (token == 0) {
      store.finish(id, status, test, error, trace, end);
    } else if (!lost.get() && !store.finish(id, token, status, test, error, trace, end)) {
      lose("its end (" + status.label() + ")");
    }
  }

  /** Extends the lease; false (and the run lost) when the claim is no longer current. */
  boolean renew(Instant now, Duration lease) {
    if (token == 0) {
      store.heartbeat(runId, now);
      return true;
    }
    if (lost.get()) {
      return false;
    }
    if (!store.renew(runId, token, now, now.plus(lease))) {
      lose("the heartbeat");
      return false;
    }
    return true;
  }

  private void lose(String write) {
    REFUSED.incrementAndGet();
    if (lost.compareAndSet(false, true)) {
      LOG.warn("Abandoning cell {}: {}", runId, abandoned() + " (refused: " + write + ")");
    }
  }

  private String abandoned() {
    String now = store.lease(runId).map(FencedWrites::holder).orElse("it was deleted");
    return "this process's claim " + token + " on run " + runId + " was taken over while it was paused or cut off"
        + " past its lease; " + now + ". Its writes to the run are refused; the attempt there stands.";
  }

  private static String holder(Lease l) {
    return l.status() == RunStatus.RUNNING
        ? "it is now claim " + l.token() + " of " + l.holder()
        : "it is now " + l.status().label() + " (claim " + l.token() + " of " + l.holder() + ")";
  }
}
