package dev.descent.core.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asynchronous successive halving, by the rule of Optuna's {@code SuccessiveHalvingPruner} (bootstrap count
 * 0, min early-stopping rate 0): rung {@code k} falls at epoch {@code min_epochs * eta^k}; a trial reaching
 * a rung is compared with every trial that reached that rung before or alongside it (their value at that
 * epoch, the trial's own included) and goes on only if it is among the top {@code max(1, n / eta)} of them.
 * So the first trials at a rung must beat all before them: the rule is strict while few trials have
 * reported, exactly as Optuna's is.
 */
public record AshaRule(int minEpochs, int eta, String metric, boolean max) implements PruneRule {

  @Override
  public String check(int epoch, Curve own, List<Curve> others) {
    int rung = rungAt(epoch);
    if (rung < 0) {
      return null;
    }
    double value = own.at(epoch);
    if (Double.isNaN(value)) {
      return metric + " was not a number at rung " + rung;
    }
    List<Double> competing = new ArrayList<>();
    for (Curve c : others) {
      double v = c.at(epoch);
      if (!Double.isNaN(v)) {
        competing.add(v);
      }
    }
    competing.add(value);
    int keep = Math.max(1, competing.size() / eta);
    competing.sort(max ? (a, b) -> Double.compare(b, a) : Double::compare);
    double cutoff = competing.get(keep - 1);
    boolean promoted = max ? value >= cutoff : value <= cutoff;
    if (promoted) {
      return null;
    }
    return String.format(Locale.ROOT, "%s %.4g %s the rung-%d cutoff %.4g (top 1/%d of %d)", metric, value,
        max ? "below" : "above", rung, cutoff, eta, competing.size());
  }

  /** The rung whose epoch is {@code epoch}, or -1 when no rung falls there. */
  int rungAt(int epoch) {
    long at = minEpochs;
    for (int k = 0; at <= epoch; k++) {
      if (at == epoch) {
        return k;
      }
      at *= eta;
    }
    return -1;
  }
}
