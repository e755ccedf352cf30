package dev.descent.core.sweep;

import dev.descent.core.Numbers;
import dev.descent.core.train.RunStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link SweepSummary} as text for people and as a map for {@code --json}. */
public final class SweepReport {
  private SweepReport() {}

  public static void print(PrintWriter out, SweepSummary s) {
    Objective o = s.sweep().objective();
    out.printf("%nsweep %s (%s): %d cells%n", s.sweep().id(), s.sweep().name(), s.sweep().cells().size());
    StringBuilder counts = new StringBuilder("  ");
    s.counts().forEach((st, n) -> counts.append(st.label()).append(' ').append(n).append("  "));
    out.println(counts.toString().stripTrailing());
    if (!"none".equals(s.sweep().plan().pruner())) {
      long spent = epochsSpent(s);
      long most = mostEpochs(s);
      out.printf("  %s pruner: %d epochs spent of the %d its %d cells train at most unpruned: %.1f%% saved%n",
          s.sweep().plan().pruner(), spent, most, s.rows().size(), most == 0 ? 0.0 : 100.0 * (most - spent) / most);
    }
    out.printf("%nbest cells by %s (%s):%n", o.metric(), o.mode());
    for (SweepSummary.Row r : s.best(5)) {
      out.printf("  %.4f  %s  %s%n", r.objective(), r.cell().id(), plain(r.cell().axisValues()));
    }
    boolean decades = SweepSummary.binsLearningRates(s.sweep());
    out.printf("%n%s by optimizer x learning rate%s (best other settings, mean over seeds; div = diverged):%n",
        o.metric(), decades ? " by decade" : "");
    var table = s.optimizerByLearningRate();
    List<Double> lrs = new ArrayList<>(s.learningRates());
    StringBuilder head = new StringBuilder(String.format("  %-12s", "optimizer"));
    lrs.forEach(lr -> head.append(String.format("%16s", decades ? "lr " + Numbers.plain(lr) + "+" : "lr=" + Numbers.plain(lr))));
    out.println(head);
    table.forEach((opt, row) -> {
      StringBuilder line = new StringBuilder(String.format("  %-12s", opt));
      for (Double lr : lrs) {
        line.append(String.format("%16s", cell(row.get(lr))));
      }
      out.println(line);
    });
    if (s.sweep().seeds().size() > 1) {
      out.printf("%nmean ± std over %d seeds per configuration:%n", s.sweep().seeds().size());
      for (SweepSummary.Group g : s.groups()) {
        out.printf("  %-16s  %s%n", cell(g), g.config());
      }
    }
  }

  /** Epochs trained over the sweep's cells (each run's last recorded epoch). */
  static long epochsSpent(SweepSummary s) {
    long n = 0;
    for (SweepSummary.Row r : s.rows()) {
      var m = r.run() == null ? null : r.run().summaries().get("train_loss");
      n += m == null ? 0 : m.lastEpoch();
    }
    return n;
  }

  /** Epochs the cells would train with no pruner and no early stopping: each its {@code training.epochs}. */
  static long mostEpochs(SweepSummary s) {
    return s.rows().stream().mapToLong(r -> r.cell().experiment().training().epochs()).sum();
  }

  /** {@code {optimizer=sgd, learning_rate=0.0001}}, not {@code learning_rate=1.0E-4}. */
  static String plain(Map<String, ?> values) {
    StringBuilder sb = new StringBuilder("{");
    values.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(Numbers.plain(v)));
    return sb.append('}').toString();
  }

  private static String cell(SweepSummary.Group g) {
    if (g == null) {
      return "-";
    }
    if (Double.isNaN(g.mean())) {
      return g.diverged() > 0 ? "div" : g.failed() > 0 ? "failed" : "-";
    }
    String v = g.n() > 1 ? String.format("%.4f±%.4f", g.mean(), g.std()) : String.format("%.4f", g.mean());
    return g.diverged() > 0 ? v + " (" + g.diverged() + " div)" : v;
  }

  public static Map<String, Object> toMap(SweepSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sweep", s.sweep().id());
    m.put("name", s.sweep().name());
    m.put("objective", Map.of("metric", s.sweep().objective().metric(), "mode", s.sweep().objective().mode()));
    Map<String, Integer> counts = new LinkedHashMap<>();
    s.counts().forEach((st, n) -> counts.put(st.label(), n));
    m.put("counts", counts);
    m.put("pruner", s.sweep().plan().pruner());
    m.put("epochs_spent", epochsSpent(s));
    m.put("epochs_unpruned_max", mostEpochs(s));
    List<Map<String, Object>> best = new ArrayList<>();
    for (SweepSummary.Row r : s.best(10)) {
      best.add(Map.of("id", r.cell().id(), "objective", r.objective(), "axes", r.cell().axisValues()));
    }
    m.put("best", best);
    Map<String, Object> table = new LinkedHashMap<>();
    s.optimizerByLearningRate().forEach((opt, row) -> {
      Map<String, Object> r = new LinkedHashMap<>();
      row.forEach((lr, g) -> r.put(String.valueOf(lr), group(g)));
      table.put(opt, r);
    });
    m.put("optimizer_by_learning_rate", table);
    List<Object> groups = new ArrayList<>();
    s.groups().forEach(g -> groups.add(group(g)));
    m.put("configurations", groups);
    return m;
  }

  private static Map<String, Object> group(SweepSummary.Group g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("config", g.example().axisValues().entrySet().stream().filter(e -> !e.getKey().equals("seed"))
        .collect(LinkedHashMap::new, (mm, e) -> mm.put(e.getKey(), e.getValue()), Map::putAll));
    m.put("runs", g.n());
    m.put("mean", g.mean());
    m.put("std", g.std());
    m.put("diverged", g.diverged());
    m.put("failed", g.failed());
    return m;
  }

  /** Whether every cell ended well: finished, diverged or pruned (an outcome, not a fault). */
  public static boolean allDone(SweepSummary s) {
    return s.counts().keySet().stream().allMatch(RunStatus::outcome);
  }
}
