package dev.descent.core.optbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the HTML report, so the page needs no script and no network: line charts (a log x
 * axis for learning rates, steps for performance profiles) and a dot chart with interval whiskers.
 */
final class SvgChart {
  static final String[] COLORS = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"};
  private static final int W = 520;
  private static final int H = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 130;
  private static final int TOP = 28;
  private static final int BOTTOM = 44;

  /** A named line: points as {x, y}; non-finite y values are left out (a gap). */
  record Series(String name, List<double[]> points) {}

  private SvgChart() {}

  /**
   * A line chart; {@code logX} draws x on a log10 scale, {@code steps} joins points as a right-continuous step
   * function (a profile).
   */
  static String lines(String title, String xLabel, String yLabel, boolean logX, boolean steps, List<Series> series) {
    double[] xr = range(series, 0, logX);
    double[] yr = range(series, 1, false);
    if (yr[0] == yr[1]) {
      yr = new double[] {yr[0] - 0.5, yr[1] + 0.5};
    }
    StringBuilder s = open(title);
    axes(s, xr, yr, logX, xLabel, yLabel);
    for (int k = 0; k < series.size(); k++) {
      String color = COLORS[k % COLORS.length];
      List<String> path = new ArrayList<>();
      double prevY = Double.NaN;
      for (double[] p : series.get(k).points()) {
        if (!Double.isFinite(p[1]) || !Double.isFinite(p[0])) {
          continue;
        }
        double x = px(logX ? Math.log10(p[0]) : p[0], xr);
        double y = py(p[1], yr);
        if (steps && !path.isEmpty()) {
          path.add(f(x) + "," + f(prevY));
        }
        path.add(f(x) + "," + f(y));
        prevY = y;
        if (!steps) {
          s.append("<circle cx='").append(f(x)).append("' cy='").append(f(y)).append("' r='2.5' fill='")
              .append(color).append("'/>");
        }
      }
      if (!path.isEmpty()) {
        s.append("<polyline fill='none' stroke-width='2' stroke='").append(color).append("' points='")
            .append(String.join(" ", path)).append("'/>");
      }
      legend(s, k, series.get(k).name(), color);
    }
    return s.append("</svg>").toString();
  }

  /** One dot per row at its mean with a whisker of ± the half-width (NaN: no whisker, no mean: no dot). */
  static String intervals(String title, String yLabel, List<String> names, double[] means, double[] halfWidths) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < means.length; i++) {
      if (Double.isFinite(means[i])) {
        double h = Double.isFinite(halfWidths[i]) ? halfWidths[i] : 0;
        lo = Math.min(lo, means[i] - h);
        hi = Math.max(hi, means[i] + h);
      }
    }
    if (!Double.isFinite(lo)) {
      lo = 0;
      hi = 1;
    }
    double pad = Math.max((hi - lo) * 0.1, Math.abs(hi) * 1e-3 + 1e-9);
    double[] yr = {lo - pad, hi + pad};
    double[] xr = {-0.5, names.size() - 0.5};
    StringBuilder s = open(title);
    axes(s, null, yr, false, "", yLabel);
    for (int i = 0; i < names.size(); i++) {
      String color = COLORS[i % COLORS.length];
      double x = px(i, xr);
      s.append(text(x, H - BOTTOM + 16, "middle", names.get(i)));
      if (!Double.isFinite(means[i])) {
        s.append(text(x, py((yr[0] + yr[1]) / 2, yr), "middle", "no run"));
        continue;
      }
      if (Double.isFinite(halfWidths[i])) {
        s.append(line(x, py(means[i] - halfWidths[i], yr), x, py(means[i] + halfWidths[i], yr), color, 2));
        s.append(line(x - 8, py(means[i] - halfWidths[i], yr), x + 8, py(means[i] - halfWidths[i], yr), color, 2));
        s.append(line(x - 8, py(means[i] + halfWidths[i], yr), x + 8, py(means[i] + halfWidths[i], yr), color, 2));
      }
      s.append("<circle cx='").append(f(x)).append("' cy='").append(f(py(means[i], yr))).append("' r='4' fill='")
          .append(color).append("'/>");
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder open(String title) {
    return new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='").append(W).append("' height='")
        .append(H).append("' viewBox='0 0 ").append(W).append(' ').append(H)
        .append("' font-family='sans-serif' font-size='11'>").append(text(W / 2.0 - RIGHT / 2.0, 16, "middle", title));
  }

  private static void axes(StringBuilder s, double[] xr, double[] yr, boolean logX, String xLabel, String yLabel) {
    s.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#444", 1)).append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#444", 1));
    for (int i = 0; i <= 4; i++) {
      double v = yr[0] + (yr[1] - yr[0]) * i / 4;
      s.append(line(LEFT - 4, py(v, yr), LEFT, py(v, yr), "#444", 1))
          .append(text(LEFT - 6, py(v, yr) + 4, "end", tick(v)));
    }
    if (xr != null) {
      List<Double> ticks = new ArrayList<>();
      if (logX) {
        ticks.addAll(logTicks(xr));
      } else {
        for (int i = 0; i <= 4; i++) {
          ticks.add(xr[0] + (xr[1] - xr[0]) * i / 4);
        }
      }
      for (double t : ticks) {
        s.append(line(px(t, xr), H - BOTTOM, px(t, xr), H - BOTTOM + 4, "#444", 1))
            .append(text(px(t, xr), H - BOTTOM + 16, "middle", logX ? logLabel(t, ticks.size() > 1 && ticks.get(1) - ticks.get(0) > 0.99) : tick(t)));
      }
    }
    s.append(text((LEFT + W - RIGHT) / 2.0, H - 8, "middle", xLabel));
    s.append("<text x='14' y='").append(f((TOP + H - BOTTOM) / 2.0)).append("' text-anchor='middle' transform='rotate(-90 14 ")
        .append(f((TOP + H - BOTTOM) / 2.0)).append(")'>").append(escape(yLabel)).append("</text>");
  }

  /**
   * Ticks of a log axis, as log10 values: each decade when the range spans two or more, else 1, 2 and 5 times
   * each power of ten (a profile's tau from 1 to 3 gets 1 and 2).
   */
  static List<Double> logTicks(double[] xr) {
    boolean decades = Math.floor(xr[1] + 1e-9) - Math.ceil(xr[0] - 1e-9) >= 1;
    List<Double> ticks = new ArrayList<>();
    for (double e = Math.floor(xr[0]); e <= Math.ceil(xr[1]); e++) {
      for (double m : decades ? new double[] {1} : new double[] {1, 2, 5}) {
        double t = e + Math.log10(m);
        if (t >= xr[0] - 1e-9 && t <= xr[1] + 1e-9) {
          ticks.add(t);
        }
      }
    }
    return ticks;
  }

  /** {@code 1e-3} on an axis of decades; {@code 2} or {@code 0.5} on a shorter one. */
  private static String logLabel(double t, boolean decades) {
    return decades ? "1e" + Math.round(t) : dev.descent.core.Numbers.plain(LrGrid.round(Math.pow(10, t)));
  }

  private static void legend(StringBuilder s, int k, String name, String color) {
    double y = TOP + 10 + 16 * k;
    s.append(line(W - RIGHT + 10, y, W - RIGHT + 30, y, color, 3)).append(text(W - RIGHT + 34, y + 4, "start", name));
  }

  private static double[] range(List<Series> series, int axis, boolean log) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series sr : series) {
      for (double[] p : sr.points()) {
        if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
          double v = log ? Math.log10(p[axis]) : p[axis];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!Double.isFinite(lo)) {
      return new double[] {0, 1};
    }
    return lo == hi ? new double[] {lo - 0.5, hi + 0.5} : new double[] {lo, hi};
  }

  private static double px(double x, double[] xr) {
    return LEFT + 8 + (x - xr[0]) / (xr[1] - xr[0]) * (W - RIGHT - LEFT - 16);
  }

  private static double py(double y, double[] yr) {
    return H - BOTTOM - 6 - (y - yr[0]) / (yr[1] - yr[0]) * (H - BOTTOM - TOP - 12);
  }

  private static String line(double x1, double y1, double x2, double y2, String color, int width) {
    return "<line x1='" + f(x1) + "' y1='" + f(y1) + "' x2='" + f(x2) + "' y2='" + f(y2) + "' stroke='" + color
        + "' stroke-width='" + width + "'/>";
  }

  private static String text(double x, double y, String anchor, String t) {
    return "<text x='" + f(x) + "' y='" + f(y) + "' text-anchor='" + anchor + "'>" + escape(t) + "</text>";
  }

  private static String tick(double v) {
    return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0) ? String.format(Locale.ROOT, "%.1e", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
  }
}
