package dev.descent.core.sweep;

import dev.descent.core.store.RunStore;
import dev.descent.core.train.TrainingListener;
import java.util.List;

/**
 * A plan read from a sweep file together with what rebuilds it from the store ({@link #stored}), so the
 * sweep's record carries it to {@code descent worker}s that have no file. Does what {@code plan} does.
 */
record RememberedPlan(SweepPlan plan, String stored) implements SweepPlan {

  @Override
  public TrainingListener listenerFor(Sweep sweep, Cell cell, RunStore store) {
    return plan.listenerFor(sweep, cell, store);
  }

  @Override
  public List<Cell> more(Sweep sweep, RunStore store) {
    return plan.more(sweep, store);
  }

  @Override
  public boolean spent(Sweep sweep, RunStore store) {
    return plan.spent(sweep, store);
  }

  @Override
  public int cells(Sweep sweep) {
    return plan.cells(sweep);
  }

  @Override
  public Sweep known(Sweep sweep) {
    return plan.known(sweep);
  }

  @Override
  public String describe(Sweep sweep) {
    return plan.describe(sweep);
  }

  @Override
  public String pruner() {
    return plan.pruner();
  }
}
