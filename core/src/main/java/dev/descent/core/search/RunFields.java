package dev.descent.core.search;

import java.util.List;
import java.util.Set;

/**
 * The names of the index fields every run document has, whatever its params and metrics.
 *
 * <p>These names win over a param or metric of the same name: a param called {@code status} would
 * otherwise make {@code status:diverged} ambiguous, so such a param is simply not indexed under its
 * bare name (see {@link RunDocuments}).
 */
public final class RunFields {
  public static final String ID = "id";
  public static final String EXPERIMENT = "experiment";
  public static final String SWEEP = "sweep";
  public static final String STATUS = "status";
  public static final String TAG = "tag";
  /** The free-text field: experiment name, note, tags, error message and stack trace. */
  public static final String TEXT = "text";
  public static final String START_TIME = "start_time";
  public static final String END_TIME = "end_time";

  /** Suffixes of a metric's summary fields; the bare metric name is its last value. */
  public static final List<String> SUMMARY_SUFFIXES = List.of(".min", ".max", ".last");

  /**
   * A metric's curve-aware field: the first epoch of its best value (lowest for losses, highest for accuracies),
   * also indexed as {@code .argmin} or {@code .argmax}, whichever that is ({@code val_loss.argmin}).
   */
  public static final String BEST_EPOCH = ".best_epoch";
  /** The epoch a diverged run diverged in: one after the last epoch it recorded. */
  public static final String DIVERGED_EPOCH = "diverged_epoch";
  /**
   * A validation metric's generalisation gap at its best epoch ({@code val_accuracy.gap}): how much better the
   * {@code train_} twin was at that epoch, so a positive gap is overfitting (see {@link CurveFields}).
   */
  public static final String GAP = ".gap";
  /** The lecture's warning sign: {@code val_accuracy.gap}, train minus val accuracy at val accuracy's best epoch. */
  public static final String OVERFIT_GAP = "overfit_gap";
  /**
   * The parametrised field {@code METRIC.epochs_to(TARGET)}: the first epoch whose value reached the target
   * (see {@link EpochsTo}).
   */
  public static final String EPOCHS_TO = ".epochs_to";

  /** Keyword fields present in every index, even an empty one, so queries on them are never "unknown". */
  static final Set<String> FIXED_KEYWORDS = Set.of(ID, EXPERIMENT, SWEEP, STATUS, TAG);
  /** Numeric fields present in every index. */
  static final Set<String> FIXED_NUMBERS = Set.of(START_TIME, END_TIME, DIVERGED_EPOCH, OVERFIT_GAP);

  static final Set<String> RESERVED = Set.of(ID, EXPERIMENT, SWEEP, STATUS, TAG, TEXT, START_TIME, END_TIME,
      DIVERGED_EPOCH, OVERFIT_GAP);

  private RunFields() {}
}
