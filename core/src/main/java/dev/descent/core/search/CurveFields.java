package dev.descent.core.search;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.MetricSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.lucene.util.BytesRef;

/**
 * What a run's per-epoch history adds to its document, beyond the summaries the store keeps: each validation
 * metric's gap to its {@code train_} twin at its best epoch, and each metric's record-breaking points, from which
 * {@code METRIC.epochs_to(TARGET)} is answered for any target chosen in the query.
 *
 * <p>The first epoch that reaches a target is always a record (every earlier value fell short of the target, so
 * of this value too), so the records are all {@link EpochsTo} needs: a handful per run, where the history has a
 * point per epoch. They are indexed twice under {@link #recordsField}: as 2-D points (epoch, value), so "reached
 * 0.85 by epoch 5" is a box query, and as one binary doc value, so a sort can find each hit's first epoch.
 */
final class CurveFields {
  /** Bytes per encoded record: the epoch as an int, the value as a double. */
  private static final int RECORD_BYTES = Integer.BYTES + Double.BYTES;
  /** Significant digits a gap keeps: 0.95 - 0.85 is 0.1, not 0.09999999999999998, so {@code overfit_gap>=0.1} finds it. */
  private static final MathContext GAP_DIGITS = new MathContext(12);

  private CurveFields() {}

  /** One record-breaking point of a curve. */
  record Point(int epoch, double value) {}

  /**
   * The index field of a metric's records. The parentheses keep it apart from every name a query can write (they
   * are query syntax), so no param or metric can clash with it.
   */
  static String recordsField(String metric) {
    return metric + RunFields.EPOCHS_TO + "()";
  }

  /** The metric whose records {@code field} holds, or null when it is no records field. */
  static String metricOf(String field) {
    String suffix = RunFields.EPOCHS_TO + "()";
    return field.endsWith(suffix) && field.length() > suffix.length()
        ? field.substring(0, field.length() - suffix.length()) : null;
  }

  /**
   * Whether a metric gets curve fields: the learning curves, {@code train_} and {@code val_} metrics (built-in or
   * a plugin's, such as {@code val_f1}). The learning rate, epoch times and throughput are left out: a first epoch
   * "reaching" a throughput says nothing about learning, and they are three of the seven points a run logs per
   * epoch, so leaving them unread makes a reindex that much cheaper.
   */
  static boolean hasCurve(String metric) {
    return metric.startsWith("train_") || metric.startsWith("val_");
  }

  /** A history (any order) by metric key, each key's points in epoch order. */
  static Map<String, List<MetricPoint>> byKey(List<MetricPoint> history) {
    Map<String, List<MetricPoint>> curves = new LinkedHashMap<>();
    for (MetricPoint p : history) {
      if (!hasCurve(p.key())) {
        continue;
      }
      curves.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
    }
    curves.values().forEach(points -> points.sort(Comparator.comparingInt(MetricPoint::epoch)));
    return curves;
  }

  /**
   * The running best of one metric's curve (epoch order): each point strictly better than every earlier finite
   * value, by the metric's direction ({@link MetricSummary#higherIsBetter}). NaN and infinities never count.
   */
  static List<Point> records(String metric, List<MetricPoint> curve) {
    boolean higher = MetricSummary.higherIsBetter(metric);
    List<Point> records = new ArrayList<>();
    double best = Double.NaN;
    for (MetricPoint p : curve) {
      double v = p.value();
      if (Double.isFinite(v) && (Double.isNaN(best) || (higher ? v > best : v < best))) {
        records.add(new Point(p.epoch(), v));
        best = v;
      }
    }
    return records;
  }

  static BytesRef encode(List<Point> records) {
    ByteBuffer bytes = ByteBuffer.allocate(records.size() * RECORD_BYTES);
    records.forEach(r -> bytes.putInt(r.epoch()).putDouble(r.value()));
    return new BytesRef(bytes.array());
  }

  /**
   * The first epoch of encoded {@code records} whose value reaches {@code target} (at least it when higher is
   * better, at most it otherwise), or 0 when none does.
   */
  static int firstReaching(BytesRef records, double target, boolean higher) {
    ByteBuffer bytes = ByteBuffer.wrap(records.bytes, records.offset, records.length);
    while (bytes.remaining() >= RECORD_BYTES) {
      int epoch = bytes.getInt();
      double value = bytes.getDouble();
      if (higher ? value >= target : value <= target) {
        return epoch;
      }
    }
    return 0;
  }

  /**
   * The gap of validation metric {@code valKey} ({@code val_accuracy}) at its best epoch (the summary's, as
   * {@code val_accuracy.argmax} shows it): the {@code train_} twin's value minus the validation value when higher
   * is better, the other way round when lower is, so a positive gap always means the model does better on what
   * it trained on. Empty when there is no twin, no best epoch, or either value is missing or not finite there.
   */
  static OptionalDouble gap(String valKey, MetricSummary summary, Map<String, List<MetricPoint>> curves) {
    if (!valKey.startsWith("val_") || summary == null || summary.bestEpoch() <= 0) {
      return OptionalDouble.empty();
    }
    String trainKey = "train_" + valKey.substring("val_".length());
    double val = at(curves.get(valKey), summary.bestEpoch());
    double train = at(curves.get(trainKey), summary.bestEpoch());
    if (!Double.isFinite(val) || !Double.isFinite(train)) {
      return OptionalDouble.empty();
    }
    double gap = MetricSummary.higherIsBetter(valKey) ? train - val : val - train;
    return OptionalDouble.of(new BigDecimal(gap).round(GAP_DIGITS).doubleValue());
  }

  private static double at(List<MetricPoint> curve, int epoch) {
    if (curve != null) {
      for (MetricPoint p : curve) {
        if (p.epoch() == epoch) {
          return p.value();
        }
      }
    }
    return Double.NaN;
  }
}
