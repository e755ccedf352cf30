package dev.descent.web;

import dev.descent.core.tracking.Workspace;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index caught up with the store on a thread of its own. A catch-up commits the index, which
 * takes tens of milliseconds; done inside requests, every request after a sweep's write would pay it. Pages
 * poll every 2 s, so following the store every {@link #PERIOD} loses them nothing. The server's own writes
 * (tags, notes) still sync at once, so an edit is searchable in the response that made it.
 */
final class IndexFollower implements AutoCloseable {
  static final Duration PERIOD = Duration.ofMillis(500);
  private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "descent-index-follower");
    t.setDaemon(true);
    return t;
  });

  /** Whether the last round failed: a failure is logged once, not every half second until it clears. */
  private boolean failing;

  IndexFollower(Workspace ws) {
    executor.scheduleWithFixedDelay(() -> follow(ws), PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void follow(Workspace ws) {
    try {
      ws.sync();
      if (failing) {
        LOG.info("The search index follows {} again", ws.location());
        failing = false;
      }
    } catch (RuntimeException e) {
      // a store busy with a sweep or an unreachable database: the next round tries again
      if (!failing) {
        LOG.warn("Catching the search index up with {} failed; retrying every {} ms: {}", ws.location(),
            PERIOD.toMillis(), e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
