package dev.descent.core.store;

import java.time.Instant;
import java.util.List;

/**
 * What a sweep was asked to do, kept beside its cells so that readers of the store (the dashboard, {@code descent
 * sweeps show}) rank the cells the way the sweep did without the file that defined it.
 *
 * @param objectiveMetric the metric cells are ranked by ({@code val_accuracy}, ...)
 * @param objectiveMode {@code min} or {@code max}
 * @param axes the grid's axis names in expansion order; empty without a grid
 * @param created when the sweep was first run against this store
 * @param plan what a worker needs to prune, propose and spend as the sweep's file says (JSON written by
 *     {@code dev.descent.core.sweep.StoredSweeps}); null for a plain grid or a sweep from before schema 8
 */
public record SweepInfo(String id, String name, String objectiveMetric, String objectiveMode, List<String> axes,
    Instant created, String plan) {
  public SweepInfo {
    axes = List.copyOf(axes);
  }

  /** A sweep without a plan: each cell runs to its end. */
  public SweepInfo(String id, String name, String objectiveMetric, String objectiveMode, List<String> axes,
      Instant created) {
    this(id, name, objectiveMetric, objectiveMode, axes, created, null);
  }
}
