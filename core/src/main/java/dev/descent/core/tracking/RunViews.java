package dev.descent.core.tracking;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SweepCounts;
import dev.descent.core.store.SweepInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs as the CLI and the JSON API show them: one shape for {@code --json}, exports and the web, so
 * a script written against one works against the others.
 */
public final class RunViews {
  private RunViews() {}

  /** The run or a NOT_FOUND error naming the id and the store. */
  public static Run require(RunStore store, String id) {
    return store.get(id).orElseThrow(() ->
        new DescentException(ErrorCode.NOT_FOUND, "No run '" + id + "' in " + store.location()));
  }

  /** Everything but the config, provenance, stack trace and metric points. */
  public static Map<String, Object> summary(Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("experiment", r.experiment());
    m.put("sweep", r.sweepId());
    m.put("status", r.status().label());
    m.put("start_time", r.startTime() == null ? null : r.startTime().toString());
    m.put("end_time", r.endTime() == null ? null : r.endTime().toString());
    m.put("params", r.params());
    Map<String, Object> summaries = new LinkedHashMap<>();
    r.summaries().forEach((k, s) -> summaries.put(k, summary(s)));
    m.put("metrics", summaries);
    m.put("test", r.test());
    m.put("tags", List.copyOf(r.tags()));
    m.put("note", r.note());
    m.put("error", r.error());
    return m;
  }

  /**
   * A sweep as the CLI's {@code --json} and the API show it: its cells counted by status and, when the store
   * knows it (sweeps run by descent 0.1 with schema 3 on), the objective and axes it was run with.
   */
  public static Map<String, Object> sweep(SweepCounts s, SweepInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.sweepId());
    m.put("experiment", s.experiment());
    m.put("total", s.total());
    Map<String, Integer> counts = new java.util.TreeMap<>();
    s.counts().forEach((status, n) -> counts.put(status.label(), n));
    m.put("counts", counts);
    m.put("started", s.started() == null ? null : s.started().toString());
    m.put("last_ended", s.lastEnded() == null ? null : s.lastEnded().toString());
    if (info != null) {
      m.put("objective", Map.of("metric", info.objectiveMetric(), "mode", info.objectiveMode()));
      m.put("axes", info.axes());
    }
    return m;
  }

  /**
   * The search sort that puts a sweep's best cells first: its objective's best epoch value (or the test
   * metric), val_accuracy's when the store does not know the objective.
   */
  public static String bestFirst(SweepInfo info) {
    if (info == null) {
      return "val_accuracy.max:desc";
    }
    boolean max = "max".equals(info.objectiveMode());
    String field = info.objectiveMetric().startsWith("test_") ? info.objectiveMetric()
        : info.objectiveMetric() + (max ? ".max" : ".min");
    return field + (max ? ":desc" : ":asc");
  }

  private static Map<String, Object> summary(MetricSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("last", s.last());
    m.put("min", s.min());
    m.put("max", s.max());
    m.put("best_epoch", s.bestEpoch());
    m.put("epochs", s.lastEpoch());
    return m;
  }

  /** The summary plus the resolved config, provenance, heartbeat, stack trace and every metric point. */
  public static Map<String, Object> full(Run r, RunStore store) {
    Map<String, Object> m = summary(r);
    m.put("heartbeat", r.heartbeat() == null ? null : r.heartbeat().toString());
    m.put("stack_trace", r.stackTrace());
    m.put("config", r.config());
    m.put("provenance", r.provenance());
    m.put("history", history(store.metrics(r.id(), List.of())));
    return m;
  }

  /** Metric points as {@code {key: [[epoch, value], ...]}}. */
  public static Map<String, List<double[]>> history(List<MetricPoint> points) {
    Map<String, List<double[]>> h = new LinkedHashMap<>();
    for (MetricPoint p : points) {
      h.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(new double[] {p.epoch(), p.value()});
    }
    return h;
  }

  /**
   * Runs as CSV: fixed columns, then every param, metric summary and test metric any run has; numbers in full as
   * {@link dev.descent.core.Numbers#plain} writes them ({@code 1e-08}, not {@code 1.0E-8}).
   */
  public static void writeCsv(PrintWriter out, List<Run> runs) {
    TreeSet<String> params = new TreeSet<>();
    TreeSet<String> metrics = new TreeSet<>();
    TreeSet<String> tests = new TreeSet<>();
    for (Run r : runs) {
      params.addAll(r.params().keySet());
      metrics.addAll(r.summaries().keySet());
      tests.addAll(r.test().keySet());
    }
    List<String> header = new ArrayList<>(List.of("id", "experiment", "sweep", "status", "start_time", "end_time"));
    header.addAll(params);
    for (String k : metrics) {
      header.addAll(List.of(k + ".last", k + ".min", k + ".max"));
    }
    header.addAll(tests);
    header.addAll(List.of("tags", "note", "error"));
    out.println(String.join(",", header.stream().map(RunViews::csv).toList()));
    for (Run r : runs) {
      List<Object> row = new ArrayList<>(List.of(r.id(), r.experiment(), r.sweepId() == null ? "" : r.sweepId(),
          r.status().label(), String.valueOf(r.startTime()), r.endTime() == null ? "" : r.endTime().toString()));
      params.forEach(p -> row.add(r.params().get(p)));
      for (String k : metrics) {
        MetricSummary s = r.summaries().get(k);
        row.add(s == null ? null : s.last());
        row.add(s == null ? null : s.min());
        row.add(s == null ? null : s.max());
      }
      tests.forEach(t -> row.add(r.test().get(t)));
      row.add(String.join(" ", r.tags()));
      row.add(r.note());
      row.add(r.error());
      out.println(String.join(",", row.stream().map(v -> csv(dev.descent.core.Numbers.plain(v))).toList()));
    }
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
