package dev.descent.cli;

import dev.descent.core.lrfind.LrFindResult;
import dev.descent.core.lrfind.LrPoint;
import java.io.PrintWriter;
import java.util.List;

/**
 * The range test drawn in the terminal: smoothed loss (rows) against log10 learning rate (columns), the suggestion
 * as a column of {@code |}. The scale runs from the minimum to the highest loss before it; the blow-up after it is
 * drawn at the top as {@code ^}, as it would otherwise flatten the part worth reading.
 */
final class LrFindPlot {
  static final int WIDTH = 64;
  static final int HEIGHT = 14;

  private LrFindPlot() {}

  static void draw(PrintWriter out, LrFindResult r) {
    List<LrPoint> points = r.points();
    if (points.size() < 2) {
      return;
    }
    double x0 = Math.log10(points.get(0).lr());
    double x1 = Math.log10(points.get(points.size() - 1).lr());
    double lo = r.minimum();
    double hi = highestBeforeMinimum(points);
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    char[][] grid = new char[HEIGHT][WIDTH];
    for (char[] row : grid) {
      java.util.Arrays.fill(row, ' ');
    }
    int mark = r.suggestion() == null ? -1 : column(Math.log10(r.suggestion().lr()), x0, x1);
    if (mark >= 0) {
      for (char[] row : grid) {
        row[mark] = '|';
      }
    }
    for (LrPoint p : points) {
      int c = column(Math.log10(p.lr()), x0, x1);
      double t = (p.smoothed() - lo) / (hi - lo);
      int row = t > 1 ? 0 : HEIGHT - 1 - (int) Math.round(t * (HEIGHT - 1));
      grid[row][c] = t > 1 ? '^' : '*';
    }
    out.println("  smoothed loss against learning rate (log scale)");
    for (int i = 0; i < HEIGHT; i++) {
      String label = i == 0 ? String.format("%8.3f", hi) : i == HEIGHT - 1 ? String.format("%8.3f", lo) : "";
      out.printf("%8s ┤%s%n", label, new String(grid[i]));
    }
    out.printf("%8s └%s%n", "", "─".repeat(WIDTH));
    StringBuilder ticks = new StringBuilder(" ".repeat(WIDTH + 12));
    for (int e = (int) Math.ceil(x0); e <= Math.floor(x1); e++) {
      String t = "1e" + e;
      int c = 10 + column(e, x0, x1);
      ticks.replace(c, Math.min(ticks.length(), c + t.length()), t);
    }
    out.println(ticks.toString().stripTrailing());
  }

  private static double highestBeforeMinimum(List<LrPoint> points) {
    double hi = Double.NEGATIVE_INFINITY;
    double lo = Double.POSITIVE_INFINITY;
    double highest = Double.NEGATIVE_INFINITY;
    for (LrPoint p : points) {
      highest = Math.max(highest, p.smoothed());
      if (p.smoothed() < lo) {
        lo = p.smoothed();
        hi = highest;
      }
    }
    return hi;
  }

  private static int column(double x, double x0, double x1) {
    return (int) Math.round((x - x0) / (x1 - x0) * (WIDTH - 1));
  }
}
