package dev.descent.core.sweep;

import dev.descent.core.data.DatasetSpec;
import dev.descent.core.experiment.ConfigNode;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.Problems;
import dev.descent.core.store.MetricSummary;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What "best" means for a sweep: the metric its cells are ranked by, and whether lower or higher wins.
 * Without an {@code objective:} section it is {@code val_accuracy}/max for classification and
 * {@code val_loss}/min for regression ({@code test_} instead when there is no validation split).
 *
 * @param metric an epoch metric ({@code val_accuracy}, {@code val_loss}, {@code train_accuracy},
 *     {@code train_loss}) or a final one ({@code test_accuracy}, {@code test_loss})
 * @param mode {@code min} or {@code max}; inferred from the name when the file omits it
 */
public record Objective(String metric, String mode) {
  public static final List<String> METRICS =
      List.of("val_accuracy", "val_loss", "train_accuracy", "train_loss", "test_accuracy", "test_loss");

  /** Whether {@code value} is better than {@code best}; NaN (a diverged run) is never better. */
  public boolean better(double value, double best) {
    if (Double.isNaN(value)) {
      return false;
    }
    return Double.isNaN(best) || ("max".equals(mode) ? value > best : value < best);
  }

  /** A metric with the direction its summaries call better ({@link MetricSummary#higherIsBetter}). */
  public static Objective of(String metric) {
    return new Objective(metric, MetricSummary.higherIsBetter(metric) ? "max" : "min");
  }

  /** The section as written; {@code null} metric or mode means "use the default" (see {@link #resolve}). */
  static Objective read(Object raw, Problems problems) {
    if (raw == null) {
      return new Objective(null, null);
    }
    if (!(raw instanceof Map<?, ?> m)) {
      problems.add("objective", "was " + ConfigNode.describe(raw) + ", must be a mapping such as "
          + "{metric: val_accuracy, mode: max}");
      return new Objective(null, null);
    }
    m.keySet().stream().filter(k -> !Set.of("metric", "mode").contains(k)).forEach(k ->
        problems.add("objective." + k, "unknown field; allowed here: metric, mode"));
    Object metric = m.get("metric");
    Object mode = m.get("mode");
    if (metric != null && !METRICS.contains(metric)) {
      problems.add("objective.metric", "was " + ConfigNode.describe(metric) + ", must be one of "
          + String.join(", ", METRICS));
      metric = null;
    }
    if (mode != null && !Set.of("min", "max").contains(mode)) {
      problems.add("objective.mode", "was " + ConfigNode.describe(mode) + ", must be min or max");
      mode = null;
    }
    return new Objective((String) metric, (String) mode);
  }

  /** This objective with the defaults for {@code e}'s task and splits filled in. */
  Objective resolve(Experiment e) {
    boolean regression = "regression".equals(e.dataset().task());
    String m = metric != null ? metric
        : (e.dataset().validationSplit() > 0 ? "val_" : "test_") + (regression ? "loss" : "accuracy");
    return new Objective(m, mode != null ? mode : of(m).mode());
  }

  /** Why this objective cannot be measured on {@code e}, or null. */
  String check(Experiment e) {
    DatasetSpec d = e.dataset();
    if (metric.endsWith("accuracy") && "regression".equals(d.task())) {
      return "was '" + metric + "', but a regression task has no accuracy; use val_loss or test_loss";
    }
    if (metric.startsWith("val_") && d.validationSplit() == 0) {
      return "was '" + metric + "', but dataset.validation_split is 0, so there is no validation set; set "
          + "validation_split or use " + metric.replace("val_", "test_");
    }
    return null;
  }
}
