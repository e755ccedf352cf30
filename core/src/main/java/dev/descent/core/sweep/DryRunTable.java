package dev.descent.core.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code descent run FILE --dry-run} prints: every cell with its id, axis values and seed, in an
 * aligned table (numbers right-aligned), then the count and how it is made up, so a user sees exactly
 * what would run before anything does.
 * <pre>
 *   #  id                optimizer  learning_rate  seed
 *   0  3f2a9c0d1e4b5a67  sgd               0.001     1
 *   ...
 * 60 cells: 5 optimizer x 3 learning_rate x 2 batch_size x 2 dropout
 * note (20 cells): training.optimizer.amsgrad: true dropped: the grid switched the optimizer to sgd, ...
 * </pre>
 */
public final class DryRunTable {
  private DryRunTable() {}

  /** The table, the count line and the cells' notes (see {@link Cell#notes}), each line ending in a newline. */
  public static String format(Sweep sweep) {
    List<String> header = new ArrayList<>(List.of("#", "id"));
    header.addAll(sweep.axes());
    header.add("seed");
    List<List<Object>> rows = new ArrayList<>();
    for (Cell cell : sweep.cells()) {
      List<Object> row = new ArrayList<>(List.of(cell.index(), cell.id()));
      sweep.axes().forEach(a -> row.add(cell.axisValues().get(a)));
      row.add(cell.seed());
      rows.add(row);
    }
    return table(header, rows) + count(sweep) + "\n" + notes(sweep);
  }

  /** Each distinct note of the cells once, with how many cells it concerns. */
  static String notes(Sweep sweep) {
    Map<String, Integer> cells = new LinkedHashMap<>();
    sweep.cells().forEach(c -> c.notes().forEach(n -> cells.merge(n, 1, Integer::sum)));
    StringBuilder sb = new StringBuilder();
    cells.forEach((note, n) -> sb.append("note (").append(n).append(n == 1 ? " cell): " : " cells): ")
        .append(note).append('\n'));
    return sb.toString();
  }

  /** {@code 60 cells: 5 optimizer x 3 learning_rate x 2 batch_size x 2 dropout x 2 seeds}. */
  public static String count(Sweep sweep) {
    String search = sweep.plan().describe(sweep);
    if (search != null) {
      return search;
    }
    List<String> factors = new ArrayList<>();
    for (String axis : sweep.axes()) {
      Set<Object> distinct = new LinkedHashSet<>();
      sweep.cells().forEach(c -> distinct.add(c.axisValues().get(axis)));
      factors.add(distinct.size() + " " + axis);
    }
    if (sweep.seeds().size() > 1) {
      factors.add(sweep.seeds().size() + " seeds");
    }
    int n = sweep.cells().size();
    return n + (n == 1 ? " cell" : " cells") + (factors.isEmpty() ? "" : ": " + String.join(" x ", factors));
  }

  /** Columns padded to their widest cell; numbers right-aligned, text left-aligned. */
  static String table(List<String> header, List<List<Object>> rows) {
    int[] width = new int[header.size()];
    boolean[] numeric = new boolean[header.size()];
    for (int c = 0; c < header.size(); c++) {
      width[c] = header.get(c).length();
      numeric[c] = !rows.isEmpty();
      for (List<Object> row : rows) {
        width[c] = Math.max(width[c], text(row.get(c)).length());
        numeric[c] &= row.get(c) instanceof Number;
      }
    }
    StringBuilder sb = new StringBuilder();
    List<List<Object>> all = new ArrayList<>();
    all.add(new ArrayList<>(header));
    all.addAll(rows);
    for (List<Object> row : all) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String s = text(row.get(c));
        String pad = " ".repeat(width[c] - s.length());
        line.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + s : s + pad);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** A value as the table shows it: {@code 0.001} not {@code 1.0E-3}, {@code 128} not {@code 128.0}. */
  static String text(Object v) {
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(d);
    }
    return v == null ? "" : String.valueOf(v);
  }
}
