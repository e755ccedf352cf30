package dev.descent.core.lrfind;

import dev.descent.core.Numbers;
import dev.descent.core.store.MetricPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * How a range test is kept as a run (tagged {@value #TAG}): per step, metrics {@code lr}, {@code batch_loss} and
 * {@code smoothed_loss}; {@code suggested_lr} once, at the suggestion's step; the suggestion and its rule in the
 * note. The run page draws {@code smoothed_loss} against {@code lr} on a log axis for runs with the tag.
 */
public final class LrFindRecord {
  public static final String TAG = "lr-find";

  private LrFindRecord() {}

  public static List<MetricPoint> metrics(LrFindResult r) {
    List<MetricPoint> points = new ArrayList<>();
    for (LrPoint p : r.points()) {
      points.add(new MetricPoint("lr", p.step(), p.lr()));
      points.add(new MetricPoint("batch_loss", p.step(), p.loss()));
      points.add(new MetricPoint("smoothed_loss", p.step(), p.smoothed()));
    }
    if (r.suggestion() != null) {
      LrPoint at = r.points().get(r.suggestion().index());
      points.add(new MetricPoint("suggested_lr", at.step(), at.lr()));
    }
    return points;
  }

  /** The suggestion in a sentence: {@code suggested learning rate 0.0016: steepest descent of ...}. */
  public static String note(LrFindResult r) {
    String how = r.points().size() + " of " + r.plannedSteps() + " steps, lr " + Numbers.plain(LrRange.START) + " → "
        + Numbers.plain(LrRange.END) + (r.stopped() != null ? "; stopped: " + r.stopped() : "");
    if (r.suggestion() == null) {
      return "lr-find: no suggestion, too few steps before the loss diverged (" + how + ")";
    }
    return "lr-find: suggested learning rate " + rounded(r.suggestion().lr()) + " (" + r.suggestion().rule() + "; "
        + how + ")";
  }

  /** Three significant digits: a suggestion is a starting point, not a measurement. */
  public static String rounded(double lr) {
    return Numbers.plain(Double.parseDouble(String.format("%.2e", lr)));
  }
}
