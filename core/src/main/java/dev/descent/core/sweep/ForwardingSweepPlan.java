package dev.descent.core.sweep;

import dev.descent.core.store.RunStore;
import dev.descent.core.train.TrainingListener;
import java.util.List;

/**
 * A plan that does what {@link #delegate()} does except where it overrides a method: the one place for the
 * delegation that each wrapper of a plan (a remembered plan, a budget) would otherwise write out again, and
 * that a method added to {@link SweepPlan} later must not silently miss.
 */
public interface ForwardingSweepPlan extends SweepPlan {
  SweepPlan delegate();

  @Override
  default TrainingListener listenerFor(Sweep sweep, Cell cell, RunStore store) {
    return delegate().listenerFor(sweep, cell, store);
  }

  @Override
  default List<Cell> more(Sweep sweep, RunStore store) {
    return delegate().more(sweep, store);
  }

  @Override
  default void withdraw(List<Cell> proposal) {
    delegate().withdraw(proposal);
  }

  @Override
  default boolean spent(Sweep sweep, RunStore store) {
    return delegate().spent(sweep, store);
  }

  @Override
  default int cells(Sweep sweep) {
    return delegate().cells(sweep);
  }

  @Override
  default String stored() {
    return delegate().stored();
  }

  @Override
  default Sweep known(Sweep sweep) {
    return delegate().known(sweep);
  }

  @Override
  default String describe(Sweep sweep) {
    return delegate().describe(sweep);
  }

  @Override
  default String pruner() {
    return delegate().pruner();
  }
}
