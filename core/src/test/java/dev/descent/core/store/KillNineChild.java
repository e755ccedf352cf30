package dev.descent.core.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The victim of {@link KillNineDurabilityTest}: a fake training run that commits one epoch of 7
 * metrics every ~100 ms and heartbeats in between, forever, until it is killed.
 * Arguments: the store directory and the run id.
 */
public final class KillNineChild {
  static final List<String> METRICS = List.of("train_loss", "train_accuracy", "val_loss", "val_accuracy",
      "learning_rate", "epoch_seconds", "samples_per_second");

  private KillNineChild() {}

  /** The value metric {@code m} takes at {@code epoch}, so the parent can check every point. */
  static double value(int epoch, int m) {
    return epoch + m / 10.0;
  }

  public static void main(String[] args) throws InterruptedException {
    RunStore store = SqliteRunStore.open(Path.of(args[0]));
    String id = args[1];
    store.create(new NewRun(id, "kill-nine", null, Map.of(), Map.of(), Map.of(), Set.of(), Instant.now()));
    for (int epoch = 1; ; epoch++) {
      List<MetricPoint> points = new ArrayList<>();
      for (int m = 0; m < METRICS.size(); m++) {
        points.add(new MetricPoint(METRICS.get(m), epoch, value(epoch, m)));
      }
      Thread.sleep(50);
      store.heartbeat(id, Instant.now());
      Thread.sleep(50);
      store.logMetrics(id, points, Instant.now());
    }
  }
}
