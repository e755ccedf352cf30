package dev.descent.core.sweep;

/**
 * A plan read from a sweep file together with what rebuilds it from the store ({@link #stored}), so the
 * sweep's record carries it to {@code descent worker}s that have no file. Does what {@code plan} does.
 */
record RememberedPlan(SweepPlan plan, String stored) implements ForwardingSweepPlan {
  @Override
  public SweepPlan delegate() {
    return plan;
  }
}
