package dev.descent.web;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A temporary SQLite store with a small sweep (adam/sgd × three learning rates, one diverged, one failed) and
 * one run whose every user-written string is an XSS payload.
 */
final class TestRuns {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  static final String SWEEP = "sweep0123456789ab";
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String ATTR = "\" onmouseover=\"alert(2)\" x=\"";
  static final String IMG = "<img src=x onerror=alert(3)>";
  static final String XSS_RUN = "run-xss";

  private TestRuns() {}

  static Workspace open(Path dir) {
    return Workspace.open(dir.toString(), null, Clock.fixed(T0, ZoneOffset.UTC));
  }

  /** Fills the store; returns the ids written, oldest first. */
  static List<String> fill(RunStore store) {
    List<String> ids = new ArrayList<>();
    int i = 0;
    for (String opt : List.of("adam", "sgd")) {
      for (double lr : List.of(1e-3, 1e-2, 1e-1)) {
        String id = "cell-" + opt + "-" + lr;
        Instant start = T0.plusSeconds(60L * i++);
        store.create(new NewRun(id, "fashion-mlp", SWEEP, Map.of("epochs", 3L, "model", Map.of("layers", List.of(784L, 10L))),
            Map.of("optimizer", opt, "learning_rate", lr, "seed", 1L), Map.of("jvm", "17"), Set.of(), start));
        boolean diverged = opt.equals("sgd") && lr == 1e-1;
        double acc = 0.6 + (opt.equals("adam") ? 0.2 : 0.1) - Math.abs(Math.log10(lr) + 2) * 0.05;
        for (int e = 1; e <= 3; e++) {
          double loss = diverged && e == 3 ? Double.NaN : 1.0 / e;
          store.logMetrics(id, List.of(new MetricPoint("train_loss", e, loss), new MetricPoint("val_loss", e, loss * 1.1),
              new MetricPoint("val_accuracy", e, acc - 0.1 / e)), start.plusSeconds(e));
        }
        store.finish(id, diverged ? RunStatus.DIVERGED : RunStatus.FINISHED, Map.of("test_accuracy", acc),
            diverged ? "loss became NaN at epoch 3" : null, null, start.plusSeconds(10));
        ids.add(id);
      }
    }
    Instant start = T0.plusSeconds(60L * i);
    store.create(new NewRun(XSS_RUN, "xss " + SCRIPT, null, Map.of("name", SCRIPT),
        Map.of("optimizer", SCRIPT, "comment", ATTR, "learning_rate", 0.5), Map.of("host", IMG),
        Set.of(SCRIPT, "\"onmouseover=\"alert(2)\""), start));
    store.logMetrics(XSS_RUN, List.of(new MetricPoint("train_loss", 1, 2.0)), start.plusSeconds(1));
    store.setNote(XSS_RUN, "note " + SCRIPT + " " + ATTR + " " + IMG);
    store.finish(XSS_RUN, RunStatus.FAILED, Map.of(), "error " + SCRIPT + " " + IMG,
        "java.lang.IllegalStateException: " + ATTR + "\n\tat x.y(" + SCRIPT + ")", start.plusSeconds(2));
    ids.add(XSS_RUN);
    return ids;
  }

  static final String SEEDED_SWEEP = "sweep-seeded-0001";

  /**
   * A sweep of adagrad at lr 0.01 over batch sizes 32 and 128, two seeds each, with val_accuracy 0.90 / 0.92
   * at batch 32 and 0.95 / 0.97 at batch 128: its heatmap cell is the better batch size's mean over seeds, 0.96.
   */
  static void fillSeeded(RunStore store) {
    int i = 0;
    for (long batch : List.of(32L, 128L)) {
      for (long seed : List.of(1L, 2L)) {
        String id = "seeded-b" + batch + "-s" + seed;
        double acc = (batch == 32 ? 0.90 : 0.95) + (seed - 1) * 0.02;
        Instant start = T0.plusSeconds(10_000L + 60L * i++);
        store.create(new NewRun(id, "seeded-grid", SEEDED_SWEEP, Map.of(), Map.of("optimizer", "adagrad",
            "learning_rate", 0.01, "batch_size", batch, "seed", seed), Map.of(), Set.of(), start));
        store.logMetrics(id, List.of(new MetricPoint("val_accuracy", 1, acc)), start.plusSeconds(1));
        store.finish(id, RunStatus.FINISHED, Map.of(), null, null, start.plusSeconds(2));
      }
    }
  }

  /** A finished run outside the sweep, for live-update tests. */
  static void add(RunStore store, String id, Instant start) {
    add(store, id, "late-arrival", start);
  }

  static void add(RunStore store, String id, String experiment, Instant start) {
    store.create(new NewRun(id, experiment, null, Map.of(), Map.of("optimizer", "rmsprop", "learning_rate", 0.01),
        Map.of(), Set.of(), start));
    store.logMetrics(id, List.of(new MetricPoint("val_accuracy", 1, 0.5)), start.plusSeconds(1));
    store.finish(id, RunStatus.FINISHED, Map.of(), null, null, start.plusSeconds(2));
  }
}
