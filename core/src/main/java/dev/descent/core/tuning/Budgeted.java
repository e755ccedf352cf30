package dev.descent.core.tuning;

import dev.descent.core.store.RunStore;
import dev.descent.core.sweep.ForwardingSweepPlan;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepPlan;
import java.time.Clock;
import java.time.Instant;

/**
 * A random search's or a grid's plan with a {@code budget:}: once the sweep's cells in the store have
 * trained the budget's epochs, or this process has worked on it for the budget's time, no new cell is
 * claimed. Epochs are read from the store, so every process of the sweep stops at the same spend. (A TPE
 * search checks its budget before each proposal instead, in {@link TpeSearch}.)
 */
public final class Budgeted implements ForwardingSweepPlan {
  private final SweepPlan plan;
  private final Budget budget;
  private final Clock clock;
  private Instant started;

  Budgeted(SweepPlan plan, Budget budget, Clock clock) {
    this.plan = plan;
    this.budget = budget;
    this.clock = clock;
  }

  /** {@code plan} within {@code budget}; {@code plan} itself when there is no budget. */
  public static SweepPlan of(SweepPlan plan, Budget budget) {
    return budget == null || budget.equals(Budget.NONE) ? plan : new Budgeted(plan, budget, Clock.systemUTC());
  }

  @Override
  public synchronized boolean spent(Sweep sweep, RunStore store) {
    if (started == null) {
      started = clock.instant();
    }
    if (budget.time() != null && !clock.instant().isBefore(started.plus(budget.time()))) {
      return true;
    }
    return budget.epochs() > 0
        && Budgets.epochsSpent(store, sweep.id(), sweep.objective().metric()) >= budget.epochs();
  }

  @Override
  public SweepPlan delegate() {
    return plan;
  }
}
