package dev.descent.core.search;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.train.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds runs for tests, field by field, since {@link Run} has seventeen components. */
final class Runs {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private String id;
  private String experiment = "fashion-mlp";
  private RunStatus status = RunStatus.FINISHED;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final Map<String, MetricSummary> summaries = new LinkedHashMap<>();
  private final Map<String, Double> test = new LinkedHashMap<>();
  private final List<MetricPoint> history = new ArrayList<>();
  private final TreeSet<String> tags = new TreeSet<>();
  private Instant start = T0;
  private String error;
  private String note;

  static Runs run(String id, int minute) {
    Runs r = new Runs();
    r.id = id;
    r.start = T0.plusSeconds(60L * minute);
    return r;
  }

  Runs experiment(String name) {
    experiment = name;
    return this;
  }

  Runs status(RunStatus s) {
    status = s;
    return this;
  }

  Runs param(String name, Object value) {
    params.put(name, value);
    return this;
  }

  /** A metric summary from its last value and extremes. */
  Runs metric(String key, double last, double min, double max) {
    summaries.put(key, new MetricSummary(last, min, max, 1, 20));
    return this;
  }

  /**
   * A metric's curve, one value per epoch from epoch 1, with the summary the store would keep of it (NaN never
   * best; the earliest epoch wins a tie). The points go to {@link InMemoryRunStore#put(Runs)}.
   */
  Runs curve(String key, double... values) {
    double min = Double.NaN;
    double max = Double.NaN;
    int best = 0;
    boolean higher = MetricSummary.higherIsBetter(key);
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      history.add(new MetricPoint(key, i + 1, v));
      if (Double.isNaN(v)) {
        continue;
      }
      if (best == 0 || (higher ? v > max : v < min)) {
        best = i + 1;
      }
      min = Double.isNaN(min) ? v : Math.min(min, v);
      max = Double.isNaN(max) ? v : Math.max(max, v);
    }
    summaries.put(key, new MetricSummary(values[values.length - 1], min, max, best, values.length));
    return this;
  }

  /** The per-epoch points given by {@link #curve}. */
  List<MetricPoint> history() {
    return List.copyOf(history);
  }

  Runs test(String key, double value) {
    test.put(key, value);
    return this;
  }

  Runs tags(String... t) {
    tags.addAll(Arrays.asList(t));
    return this;
  }

  Runs error(String e) {
    error = e;
    return this;
  }

  Runs note(String n) {
    note = n;
    return this;
  }

  Run build() {
    Instant end = status == RunStatus.RUNNING ? null : start.plusSeconds(30);
    return new Run(id, experiment, null, status, Map.of(), params, Map.of(), start, end, end, error,
        error == null ? null : "java.lang.IllegalStateException: " + error + "\n\tat dev.descent.Trainer",
        tags, note, summaries, test, 0);
  }

  static Run withSequence(Run r, long sequence) {
    return new Run(r.id(), r.experiment(), r.sweepId(), r.status(), r.config(), r.params(), r.provenance(),
        r.startTime(), r.endTime(), r.heartbeat(), r.error(), r.stackTrace(), r.tags(), r.note(), r.summaries(),
        r.test(), sequence);
  }
}
