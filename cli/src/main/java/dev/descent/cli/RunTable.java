package dev.descent.cli;

import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs as an aligned text table: the columns people compare sweeps by. */
final class RunTable {
  private static final String[] HEADERS = {"id", "experiment", "status", "optimizer", "learning_rate", "batch_size",
      "dropout", "val_accuracy", "val_loss.min", "test_accuracy", "started"};

  private RunTable() {}

  static void print(PrintWriter out, List<Run> runs, long total) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (Run r : runs) {
      rows.add(new String[] {r.id(), r.experiment(), r.status().label(), str(r.params().get("optimizer")),
          str(r.params().get("learning_rate")), str(r.params().get("batch_size")), str(r.params().get("dropout")),
          metric(r, "val_accuracy", false), metric(r, "val_loss", true), num(r.test().get("test_accuracy")),
          r.startTime() == null ? "" : r.startTime().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")});
    }
    int[] width = new int[HEADERS.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        sb.append(String.format("%-" + width[i] + "s", row[i])).append(i + 1 < row.length ? "  " : "");
      }
      out.println(sb.toString().stripTrailing());
    }
    out.printf("%d of %d run%s%n", runs.size(), total, total == 1 ? "" : "s");
  }

  private static String metric(Run r, String key, boolean min) {
    MetricSummary s = r.summaries().get(key);
    return s == null ? "" : num(min ? s.min() : s.last());
  }

  private static String num(Double v) {
    return v == null || v.isNaN() ? "" : String.format("%.4f", v);
  }

  private static String str(Object v) {
    return v == null ? "" : String.valueOf(v);
  }
}
