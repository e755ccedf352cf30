package dev.descent.core.sweep;

import java.util.Locale;

/**
 * How long a sweep should take, given the seconds one cell takes (from a short calibration run or from
 * similar runs in the store: the caller's choice) and how many cells run at once. Cells run in waves of
 * {@code workers}, so the estimate is {@code ceil(cells / workers) * secondsPerCell}.
 */
public record Eta(int cells, double secondsPerCell, int workers) {
  public Eta {
    if (cells < 0 || workers < 1 || !(secondsPerCell >= 0) || Double.isInfinite(secondsPerCell)) {
      throw new IllegalArgumentException("cells >= 0, workers >= 1 and a finite secondsPerCell >= 0 are required; "
          + "were " + cells + ", " + workers + ", " + secondsPerCell);
    }
  }

  public double seconds() {
    return Math.ceil(cells / (double) workers) * secondsPerCell;
  }

  /** {@code about 16 min (60 cells x 32 s, 2 workers)}. */
  public String format() {
    return "about " + duration(seconds()) + " (" + cells + (cells == 1 ? " cell" : " cells") + " x "
        + duration(secondsPerCell) + ", " + workers + (workers == 1 ? " worker)" : " workers)");
  }

  /** {@code 0.4 s}, {@code 45 s}, {@code 12 min}, {@code 1 h 05 min}. */
  public static String duration(double seconds) {
    if (seconds < 10) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 120) {
      return s + " s";
    }
    long minutes = Math.round(seconds / 60);
    return minutes < 60 ? minutes + " min" : String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
  }
}
