package dev.descent.core.stats;

import java.util.List;
import java.util.Map;

/**
 * Treatment (dummy) coding of factor levels into OLS design columns: an intercept, one 0/1 column per level of
 * a factor but its first, and for an interaction the products of its factors' columns. One row per grid cell.
 */
final class Design {
  private Design() {}

  static double[][] of(List<Map<String, String>> cells, Map<String, List<String>> levels, List<Term> terms) {
    int width = 1 + terms.stream().mapToInt(t -> columns(t, levels)).sum();
    double[][] x = new double[cells.size()][width];
    for (int row = 0; row < cells.size(); row++) {
      x[row][0] = 1;
      int col = 1;
      for (Term t : terms) {
        col = fill(x[row], col, t, cells.get(row), levels);
      }
    }
    return x;
  }

  /** How many columns a term takes: levels - 1 for a factor, the product for an interaction. */
  static int columns(Term t, Map<String, List<String>> levels) {
    int n = 1;
    for (String f : t.factors()) {
      n *= levels.get(f).size() - 1;
    }
    return n;
  }

  private static int fill(double[] row, int col, Term t, Map<String, String> cell, Map<String, List<String>> levels) {
    String a = t.factors().get(0);
    int na = levels.get(a).size() - 1;
    int ia = levels.get(a).indexOf(cell.get(a)) - 1;
    if (t.factors().size() == 1) {
      if (ia >= 0) {
        row[col + ia] = 1;
      }
      return col + na;
    }
    String b = t.factors().get(1);
    int nb = levels.get(b).size() - 1;
    int ib = levels.get(b).indexOf(cell.get(b)) - 1;
    if (ia >= 0 && ib >= 0) {
      row[col + ia * nb + ib] = 1;
    }
    return col + na * nb;
  }
}
