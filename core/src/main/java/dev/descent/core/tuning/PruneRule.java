package dev.descent.core.tuning;

import java.util.List;

/**
 * Decides at an epoch end whether a trial stops. Pure: the same curves give the same answer, so a rule is
 * checked on hand-made curves, and replay runs it on a recorded table without training anything.
 */
public interface PruneRule {
  PruneRule NONE = (epoch, own, others) -> null;

  /**
   * Why the trial whose curve so far is {@code own} stops after {@code epoch} (its last), or null to go on.
   *
   * @param others every other trial of the sweep, as far as each got
   */
  String check(int epoch, Curve own, List<Curve> others);

  /** The rule a pruner section describes, for an objective {@code metric} where {@code max} is better when true. */
  static PruneRule of(PrunerSpec spec, String metric, boolean max) {
    return switch (spec.method()) {
      case "asha" -> new AshaRule(spec.minEpochs(), spec.reductionFactor(), metric, max);
      case "median" -> new MedianRule(spec.startupTrials(), spec.warmupEpochs(), metric, max);
      default -> NONE;
    };
  }
}
