package dev.descent.core.tuning;

import dev.descent.core.store.RunStore;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepPlan;
import dev.descent.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A random search's plan: its trials are all cells already, so it only prunes, and says what it searches. */
record SearchPlan(SearchSpec spec, PrunerSpec prunerSpec, SweepPlan pruning) implements SweepPlan {

  @Override
  public TrainingListener listenerFor(Sweep sweep, Cell cell, RunStore store) {
    return pruning.listenerFor(sweep, cell, store);
  }

  @Override
  public String pruner() {
    return pruning.pruner();
  }

  @Override
  public String describe(Sweep sweep) {
    return describe(spec, prunerSpec, sweep);
  }

  /** The space, the trials and the pruner in a few lines, for {@code --dry-run}. */
  static String describe(SearchSpec spec, PrunerSpec pruner, Sweep sweep) {
    StringBuilder sb = new StringBuilder();
    int seeds = Math.max(1, sweep.seeds().size());
    sb.append(String.format(Locale.ROOT, "%s search: %d trials x %d seed%s = %d cells", spec.method(), spec.trials(),
        seeds, seeds == 1 ? "" : "s", spec.trials() * seeds));
    if ("tpe".equals(spec.method())) {
      sb.append(String.format(Locale.ROOT, " (shown: the %d random startup trials; TPE proposes the rest as trials end)",
          sweep.cells().size() / seeds));
    }
    sb.append(", sampler seed ").append(spec.seed()).append("\n");
    for (Param p : spec.space().params()) {
      sb.append("  ").append(p.name()).append(": ").append(text(p.distribution()));
      if (!p.when().isEmpty()) {
        sb.append("  when ").append(p.when());
      }
      sb.append("\n");
    }
    sb.append("  pruner: ").append(pruner.method());
    if ("asha".equals(pruner.method())) {
      List<Long> rungs = new ArrayList<>();
      long epochs = sweep.cells().isEmpty() ? 0 : sweep.cells().get(0).experiment().training().epochs();
      for (long r = pruner.minEpochs(); r < epochs; r *= pruner.reductionFactor()) {
        rungs.add(r);
      }
      sb.append(", rungs at epochs ").append(rungs).append(", top 1/").append(pruner.reductionFactor()).append(" go on");
    } else if ("median".equals(pruner.method())) {
      sb.append(", after ").append(pruner.startupTrials()).append(" finished trials and ")
          .append(pruner.warmupEpochs()).append(" warm-up epochs");
    }
    return sb.toString();
  }

  private static String text(Distribution d) {
    if (d instanceof Distribution.Categorical c) {
      return c.values().toString();
    }
    Distribution.Numeric n = (Distribution.Numeric) d;
    return n.kind() + " [" + plain(n.low()) + ", " + plain(n.high()) + "]" + (n.step() > 0 ? " step " + plain(n.step()) : "");
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
